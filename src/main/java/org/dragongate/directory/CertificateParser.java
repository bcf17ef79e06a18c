package org.dragongate.directory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.dragongate.directory.DirectoryException.Problem;

/**
 * Reads the certificates an administrator imports: PEM or DER, one certificate or a chain, a
 * PKCS#7 bundle, or the certificate of a PKCS#12 file (with its password). A private key where a
 * certificate is expected is refused by name, so nobody stores or passes on a partner's key by mistake.
 */
final class CertificateParser {
    /** The version field that opens a PKCS#12 PFX; private keys open with 0 (PKCS#1, PKCS#8) or 1 (SEC 1 EC). */
    private static final BigInteger PFX_VERSION = BigInteger.valueOf(3);

    private CertificateParser() {
    }

    /**
     * @param source   how the administrator named the input, for messages
     * @param password the PKCS#12 password, or null
     */
    static List<X509Certificate> certificates(byte[] data, String source, char[] password) {
        if (isPem(data)) {
            if (text(data).contains("PRIVATE KEY-----")) {
                throw privateKey(source);
            }
            return x509(data, source);
        }
        BigInteger version = leadingInteger(data);
        if (PFX_VERSION.equals(version)) {
            return pkcs12(data, source, password);
        }
        if (version != null && version.compareTo(BigInteger.ONE) <= 0) {
            throw privateKey(source);
        }
        return x509(data, source);
    }

    static X509CRL crl(byte[] data, String source) {
        try {
            var crls = factory().generateCRLs(new ByteArrayInputStream(data));
            if (crls.size() != 1) {
                throw new DirectoryException(Problem.NOT_A_CRL, source + " holds " + crls.size() + " CRLs; import one at a time");
            }
            return (X509CRL) crls.iterator().next();
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof DirectoryException refusal) {
                throw refusal;
            }
            throw new DirectoryException(Problem.NOT_A_CRL, source + " is not a PEM or DER X.509 CRL");
        }
    }

    private static List<X509Certificate> x509(byte[] data, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (var certificate : factory().generateCertificates(new ByteArrayInputStream(data))) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException | RuntimeException e) {
            throw new DirectoryException(Problem.NOT_A_CERTIFICATE,
                    source + " is not a certificate: expected PEM, DER, a PKCS#7 chain or a PKCS#12 file");
        }
        if (certificates.isEmpty()) {
            throw new DirectoryException(Problem.NOT_A_CERTIFICATE, source + " holds no certificate");
        }
        return certificates;
    }

    /** The certificate of each key entry (its public part) and any certificate entries; never the key. */
    private static List<X509Certificate> pkcs12(byte[] data, String source, char[] password) {
        if (password == null) {
            throw new DirectoryException(Problem.PASSWORD_REQUIRED, source + " is a PKCS#12 file: give its password (--password-env VAR)");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(data), password);
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    certificates.add(certificate);
                }
            }
            if (certificates.isEmpty()) {
                throw new DirectoryException(Problem.NOT_A_CERTIFICATE, source + " is a PKCS#12 file without a certificate");
            }
            return certificates;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new DirectoryException(Problem.WRONG_PASSWORD, "wrong password for the PKCS#12 file " + source);
            }
            throw new DirectoryException(Problem.NOT_A_CERTIFICATE, source + " is not a readable PKCS#12 file");
        } catch (GeneralSecurityException e) {
            throw new DirectoryException(Problem.NOT_A_CERTIFICATE, source + " is not a readable PKCS#12 file");
        }
    }

    /** The first element of a DER SEQUENCE when it is an INTEGER: what tells a PFX and a private key from a certificate. */
    private static BigInteger leadingInteger(byte[] data) {
        try {
            if (ASN1Primitive.fromByteArray(data) instanceof ASN1Sequence sequence && sequence.size() > 0
                    && sequence.getObjectAt(0) instanceof ASN1Integer integer) {
                return integer.getValue();
            }
        } catch (IOException | RuntimeException e) {
            // not DER: the certificate factory says what it is not
        }
        return null;
    }

    private static boolean isPem(byte[] data) {
        return text(data).contains("-----BEGIN ");
    }

    private static String text(byte[] data) {
        return new String(data, 0, Math.min(data.length, 65536), StandardCharsets.US_ASCII);
    }

    private static DirectoryException privateKey(String source) {
        return new DirectoryException(Problem.PRIVATE_KEY, source
                + " holds a private key; import the partner's certificate (the public part) only, and keep the key away from the gateway");
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }
}
