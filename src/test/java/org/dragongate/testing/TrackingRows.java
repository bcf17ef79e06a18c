package org.dragongate.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Tracking rows written with plain SQL as V1__tracking.sql defines them, so tests of what reads
 * the database do not depend on the code that writes it.
 */
public final class TrackingRows {
    /** The bytes every test delivery is "sealed" to: a trace must never show them. */
    public static final String SEALED = "SEALED-NOTICE-BYTES";

    private final Connection connection;

    public TrackingRows(Connection connection) {
        this.connection = connection;
    }

    /** A 64-character sha256-like id: the prefix, then the filler digit to length. */
    public static String sha(String prefix, char filler) {
        return prefix + String.valueOf(filler).repeat(64 - prefix.length());
    }

    public TrackingRows pkg(String sha256, String channel, String claimedPartner, String origin, Instant receivedAt, String state,
                            String partnerId, String reasonCode) throws SQLException {
        execute("INSERT INTO package (sha256, size_bytes, channel, claimed_partner, origin, form, received_at, state, partner_id,"
                        + " signer_subject, signer_serial, reason_code, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                sha256, 4242L, channel, claimedPartner, origin, "CMS", at(receivedAt), state, partnerId,
                partnerId == null ? null : "CN=" + partnerId + " signer", partnerId == null ? null : "1f2e3d", reasonCode,
                at(receivedAt.plusSeconds(1)));
        return this;
    }

    public TrackingRows notice(String noticeId, String partnerId, String reference, int version, String packageSha256,
                               String supersedes, Instant receivedAt) throws SQLException {
        execute("INSERT INTO notice (notice_id, partner_id, reference, version, content_sha256, package_sha256, supersedes, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                noticeId, partnerId, reference, version, sha("c0" + version, 'c'), packageSha256, supersedes, at(receivedAt));
        return this;
    }

    public TrackingRows delivery(String deliveryKey, String noticeId, String contactPointId, String state, int attempts,
                                 String lastOutcome, Instant queuedAt) throws SQLException {
        Instant last = attempts == 0 ? null : queuedAt.plusSeconds(attempts * 10L);
        execute("INSERT INTO delivery (delivery_key, notice_id, contact_point_id, routing_reason, state, sealed, attempts,"
                        + " first_attempt_at, last_attempt_at, next_attempt_at, last_outcome, queued_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                deliveryKey, noticeId, contactPointId, "rule " + contactPointId + " matches the destination", state,
                SEALED.getBytes(StandardCharsets.UTF_8), attempts, attempts == 0 ? null : at(queuedAt.plusSeconds(10)), at(last),
                at(queuedAt.plusSeconds(600)), lastOutcome, at(queuedAt), at(queuedAt));
        return this;
    }

    public TrackingRows quarantine(String quarantineId, String packageSha256, String reasonCode, String message, Instant at)
            throws SQLException {
        execute("INSERT INTO quarantine (quarantine_id, package_sha256, reason_code, message, state, quarantined_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", quarantineId, packageSha256, reasonCode, message, "OPEN", at(at), at(at));
        return this;
    }

    private void execute(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
