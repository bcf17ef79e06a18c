package org.dragongate.directory;

import java.time.Instant;

/**
 * A certificate deliveries to a contact point are encrypted for, as the directory holds it (without the DER bytes).
 *
 * @param useFrom  start of the window of use the administrator set, within the certificate's validity
 * @param useUntil end of that window (exclusive)
 * @param status   {@link CertificateRecord#ACTIVE} or {@link CertificateRecord#REVOKED}
 */
public record ContactPointCertificateRecord(String contactPointId, String sha256, String subject, String issuer, String serial,
                                            Instant notBefore, Instant notAfter, Instant useFrom, Instant useUntil, String status,
                                            String revokedReason, Instant revokedAt) {
    /** Whether deliveries may be encrypted for it at {@code at}: active and inside its window of use. */
    public boolean inUseAt(Instant at) {
        return CertificateRecord.ACTIVE.equals(status) && !at.isBefore(useFrom) && at.isBefore(useUntil);
    }

    /** One line for messages and the audit trail: fingerprint, subject, serial. */
    public String describe() {
        return "encryption certificate " + sha256.substring(0, 16) + " '" + subject + "' (serial " + serial + ")";
    }
}
