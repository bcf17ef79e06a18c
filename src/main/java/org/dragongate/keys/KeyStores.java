package org.dragongate.keys;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.keys.GatewayKeyException.Problem;

/**
 * A gateway key at rest: a PKCS#12 file (the JDK's: AES-256 key and certificate encryption, HMAC-SHA256
 * integrity) holding the key and its chain, encrypted with the gateway's key password. The database
 * never sees the key in plain.
 */
final class KeyStores {
    private static final String ALIAS = "gateway-key";

    private KeyStores() {
    }

    static byte[] seal(KeyMaterial key, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", "SUN");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key.privateKey(), password, key.chain().toArray(Certificate[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write a PKCS#12 key store: " + e.getMessage(), e);
        }
    }

    /**
     * The first key entry with its chain.
     *
     * @param source names the file in messages
     * @throws GatewayKeyException WRONG_PASSWORD, NOT_A_KEY (not a readable PKCS#12), PRIVATE_KEY_MISSING (certificates only)
     */
    static KeyMaterial open(byte[] pkcs12, char[] password, String source) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12", "SUN");
            store.load(new ByteArrayInputStream(pkcs12), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new GatewayKeyException(Problem.WRONG_PASSWORD, "wrong password for " + source);
            }
            throw new GatewayKeyException(Problem.NOT_A_KEY, source + " is not a readable PKCS#12 file (key and certificate)");
        } catch (GeneralSecurityException e) {
            throw new GatewayKeyException(Problem.NOT_A_KEY, source + " is not a readable PKCS#12 file (key and certificate)");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getKey(alias, password) instanceof PrivateKey privateKey) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate certificate : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) certificate);
                    }
                    return new KeyMaterial(privateKey, chain);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new GatewayKeyException(Problem.WRONG_PASSWORD, "wrong password for the key in " + source);
        }
        throw new GatewayKeyException(Problem.PRIVATE_KEY_MISSING, source + " holds no private key (only certificates); "
                + "give the PKCS#12 file with the gateway's key and certificate");
    }

    /** The algorithm and size, as listed: {@code RSA 3072}, {@code EC P-256}. */
    static String algorithm(Key publicKey) {
        if (publicKey instanceof java.security.interfaces.RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (publicKey instanceof java.security.interfaces.ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return "EC P-" + bits;
        }
        return publicKey.getAlgorithm();
    }
}
