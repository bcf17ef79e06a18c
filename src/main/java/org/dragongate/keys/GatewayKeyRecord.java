package org.dragongate.keys;

import java.time.Instant;

/**
 * One of the gateway's keys as the database holds it, without the key itself.
 *
 * @param sha256    fingerprint of its certificate: how administrators name it
 * @param status    {@link #PENDING} (generated or imported, not used yet), {@link #ACTIVE} or {@link #RETIRED}
 * @param algorithm e.g. {@code RSA 3072}, {@code EC P-256}
 * @param source    {@code generated}, or the file it was imported from
 */
public record GatewayKeyRecord(String sha256, KeyPurpose purpose, String status, String algorithm, String subject, String issuer,
                               String serial, Instant notBefore, Instant notAfter, String source, Instant createdAt,
                               Instant activatedAt, Instant retiredAt, String retiredReason) {
    public static final String PENDING = "PENDING";
    public static final String ACTIVE = "ACTIVE";
    public static final String RETIRED = "RETIRED";

    /** One line for messages and the audit trail. */
    public String describe() {
        return purpose.word() + " key " + sha256.substring(0, 16) + " '" + subject + "' (" + algorithm + ", " + status + ")";
    }
}
