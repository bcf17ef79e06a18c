package org.dragongate.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.dragongate.trust.CertificateFiles;

/**
 * Loads a private key and its certificate chain from a PKCS#12 file or from PEM (PKCS#8, encrypted
 * PKCS#8 or traditional OpenSSL keys), with errors that say what to fix.
 */
public final class KeyFiles {
    private KeyFiles() {
    }

    /**
     * @param certificateFile where the certificate is when a PEM key file holds only the key; may be null
     */
    public static KeyMaterial load(Path keyFile, char[] password, Path certificateFile) throws IOException {
        CryptoProviders.bouncyCastle();
        if (!Files.isReadable(keyFile)) {
            throw new IOException("cannot read key file " + keyFile);
        }
        if (isPem(keyFile)) {
            return loadPem(keyFile, password, certificateFile);
        }
        return loadPkcs12(keyFile, password);
    }

    private static boolean isPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
            return head.contains("-----BEGIN ");
        }
    }

    private static KeyMaterial loadPkcs12(Path file, char[] password) throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new IOException("wrong password for " + file, e);
            }
            throw new IOException(file + " is neither PEM nor a readable PKCS#12 file: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not a readable PKCS#12 file: " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                if (key instanceof PrivateKey privateKey) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return new KeyMaterial(privateKey, chain);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("wrong password for the key in " + file, e);
        }
        throw new IOException(file + " holds no private key (only certificates); give the PKCS#12 file with the key");
    }

    private static KeyMaterial loadPem(Path file, char[] password, Path certificateFile) throws IOException {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(CryptoProviders.bouncyCastle());
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                } else if (key == null) {
                    key = privateKey(item, password, converter, file);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (key == null) {
            throw new IOException(file + " holds no private key; give the key file (PEM PRIVATE KEY or PKCS#12)");
        }
        if (certificateFile != null) {
            chain.addAll(CertificateFiles.certificates(certificateFile));
        }
        if (chain.isEmpty()) {
            throw new IOException(file + " holds only a key; give its certificate too (--cert)");
        }
        return new KeyMaterial(key, chain);
    }

    private static PrivateKey privateKey(Object item, char[] password, JcaPEMKeyConverter converter, Path file)
            throws IOException {
        try {
            if (item instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (item instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                requirePassword(password, file);
                return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(CryptoProviders.bouncyCastle()).build(password)));
            }
            if (item instanceof PEMEncryptedKeyPair encrypted) {
                requirePassword(password, file);
                return converter.getKeyPair(encrypted.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(CryptoProviders.bouncyCastle()).build(password))).getPrivate();
            }
        } catch (PKCSException | OperatorCreationException | org.bouncycastle.openssl.EncryptionException e) {
            throw new IOException("wrong password for " + file, e);
        }
        return null;
    }

    private static void requirePassword(char[] password, Path file) throws IOException {
        if (password == null || password.length == 0) {
            throw new IOException(file + " is encrypted; give its password (--key-password)");
        }
    }
}
