package org.dragongate.directory;

import java.time.Instant;

/**
 * A partner's certificate as the directory holds it (without the DER bytes).
 *
 * @param useFrom  start of the window of use the administrator set, within the certificate's validity
 * @param useUntil end of that window (exclusive)
 * @param status   {@link #ACTIVE} or {@link #REVOKED}
 */
public record CertificateRecord(String partnerId, String sha256, CertificateKind kind, String subject, String issuer, String serial,
                                Instant notBefore, Instant notAfter, Instant useFrom, Instant useUntil, String status,
                                String revokedReason, Instant revokedAt) {
    public static final String ACTIVE = "ACTIVE";
    public static final String REVOKED = "REVOKED";

    /** Whether the gateway accepts it at {@code at}: active and inside its window of use. */
    public boolean inUseAt(Instant at) {
        return ACTIVE.equals(status) && !at.isBefore(useFrom) && at.isBefore(useUntil);
    }

    /** One line for messages and the audit trail: kind, fingerprint, subject, serial. */
    public String describe() {
        return kind.word() + " " + sha256.substring(0, 16) + " '" + subject + "' (serial " + serial + ")";
    }
}
