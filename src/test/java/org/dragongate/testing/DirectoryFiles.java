package org.dragongate.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The files administrators import into the partner directory, in each form they come in. */
public final class DirectoryFiles {
    private DirectoryFiles() {
    }

    public static Path der(X509Certificate certificate, Path file) {
        try {
            return Files.write(file, certificate.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certs-only PKCS#7 bundle (what a .p7b file holds), DER. */
    public static Path pkcs7(List<X509Certificate> certificates, Path file) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(certificates));
            return Files.write(file, generator.generate(new CMSAbsentContent()).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | CMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issued certificate with its key and chain in a password-protected PKCS#12 file. */
    public static Path pkcs12(TestCertificates.Issued issued, char[] password, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("signer", issued.privateKey(), password, issued.chain().toArray(X509Certificate[]::new));
            store.store(out, password);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL (DER) of a made-up issuer; the directory does not check who signed it, the path validation does. */
    public static Path crl(String issuer, KeyPair issuerKeys, Instant thisUpdate, Path file) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(new X500Name(issuer), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(thisUpdate.plus(30, ChronoUnit.DAYS)));
            builder.addCRLEntry(BigInteger.TEN, Date.from(thisUpdate.minus(1, ChronoUnit.DAYS)), 1);
            return Files.write(file, builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
