package org.dragongate.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads certificates and CRLs from PEM or DER files (several per file allowed). */
public final class CertificateFiles {
    private CertificateFiles() {
    }

    public static List<X509Certificate> certificates(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        if (looksLikePrivateKey(data)) {
            throw new IOException(file + " holds a private key; a certificate (public part only) is expected here");
        }
        try (InputStream in = new ByteArrayInputStream(data)) {
            List<X509Certificate> certs = new ArrayList<>();
            for (var cert : factory().generateCertificates(in)) {
                certs.add((X509Certificate) cert);
            }
            if (certs.isEmpty()) {
                throw new IOException(file + " holds no certificate");
            }
            return certs;
        } catch (CertificateException e) {
            throw new IOException(file + " is not a PEM or DER X.509 certificate: " + e.getMessage(), e);
        }
    }

    public static X509Certificate certificate(Path file) throws IOException {
        return certificates(file).get(0);
    }

    public static List<X509CRL> crls(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509CRL> crls = new ArrayList<>();
            for (var crl : factory().generateCRLs(in)) {
                crls.add((X509CRL) crl);
            }
            if (crls.isEmpty()) {
                throw new IOException(file + " holds no CRL");
            }
            return crls;
        } catch (CRLException e) {
            throw new IOException(file + " is not a PEM or DER X.509 CRL: " + e.getMessage(), e);
        }
    }

    private static boolean looksLikePrivateKey(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 4096), java.nio.charset.StandardCharsets.US_ASCII);
        return head.contains("PRIVATE KEY-----") && !head.contains("BEGIN CERTIFICATE");
    }

    private static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every Java runtime has an X.509 certificate factory", e);
        }
    }
}
