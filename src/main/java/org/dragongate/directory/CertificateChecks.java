package org.dragongate.directory;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.dragongate.crypto.Certificates;
import org.dragongate.directory.DirectoryException.Problem;

/**
 * What every certificate registered in the directory goes through, whoever holds it (a partner, a
 * contact point): expiry, a window of use within the validity, fingerprints as administrators type them.
 */
final class CertificateChecks {
    /** A window of use, resolved against the certificate's validity. */
    record Window(Instant from, Instant until) {
    }

    private CertificateChecks() {
    }

    /**
     * @return a warning for an expired certificate the administrator chose to keep on record, or null when it is current
     * @throws DirectoryException EXPIRED when it expired and that was not allowed
     */
    static String expiry(X509Certificate certificate, Instant now, boolean allowExpired, String whatToDo) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notAfter)) {
            return null;
        }
        if (!allowExpired) {
            throw new DirectoryException(Problem.EXPIRED, "certificate " + Certificates.describe(certificate) + " expired on " + notAfter
                    + "; " + whatToDo + " (or give --allow-expired to keep it on record)");
        }
        return "certificate " + Certificates.describe(certificate) + " expired on " + notAfter + "; it is kept on record but never accepted or used";
    }

    /** @throws DirectoryException WINDOW_OUTSIDE_VALIDITY */
    static Window window(X509Certificate certificate, UseWindow window) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant useFrom = window.from() == null ? notBefore : window.from();
        Instant useUntil = window.until() == null ? notAfter : window.until();
        if (useFrom.isBefore(notBefore) || useUntil.isAfter(notAfter) || !useFrom.isBefore(useUntil)) {
            throw new DirectoryException(Problem.WINDOW_OUTSIDE_VALIDITY, "the window of use " + useFrom + " to " + useUntil
                    + " must lie within the validity of " + Certificates.describe(certificate) + ", " + notBefore + " to " + notAfter
                    + ", and end after it starts");
        }
        return new Window(useFrom, useUntil);
    }

    /**
     * A fingerprint as an administrator types it (any case, colons allowed), for a LIKE prefix match.
     *
     * @param listCommand the command that shows the fingerprints, for the message
     */
    static String prefix(String fingerprint, String listCommand) {
        return Certificates.fingerprintPrefix(fingerprint).orElseThrow(() -> new DirectoryException(Problem.INVALID_INPUT, "'" + fingerprint
                + "' is not a SHA-256 fingerprint or a prefix of at least " + Certificates.MIN_FINGERPRINT_PREFIX + " hex digits ('" + listCommand
                + "' shows them)"));
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new DirectoryException(Problem.NOT_A_CERTIFICATE, "certificate " + Certificates.describe(certificate) + " cannot be encoded");
        }
    }

    /** Bytes the directory wrote itself; one that no longer decodes is a damaged database, not an administrator's mistake. */
    static Object decode(byte[] der, boolean crl) throws java.sql.SQLException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return crl ? factory.generateCRL(new ByteArrayInputStream(der)) : factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new java.sql.SQLException("a stored " + (crl ? "CRL" : "certificate") + " of the directory does not decode: " + e.getMessage(), e);
        }
    }
}
