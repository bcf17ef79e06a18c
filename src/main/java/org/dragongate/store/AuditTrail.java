package org.dragongate.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The append-only audit trail. Each record carries the hash of the one before it, so changing,
 * removing or reordering any record breaks the chain from there on ({@link AuditRecord#hash}).
 *
 * <p>Records are appended on the caller's connection, inside the transaction that makes the state
 * change they describe: the change and its record commit together or not at all. Appenders lock
 * the chain's head row, so concurrent instances extend one chain instead of forking it.
 */
public final class AuditTrail {
    public static final String GENESIS = "0".repeat(64);

    private final Clock clock;

    public AuditTrail(Clock clock) {
        this.clock = clock;
    }

    /** Appends a record inside the caller's transaction; the head row stays locked until it ends. */
    public AuditRecord append(Connection connection, String actor, AuditEvent event, String subject, String detail)
            throws SQLException {
        long seq;
        String prevHash;
        try (PreparedStatement head = connection.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = head.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the audit chain's head row is missing: the database was not migrated");
            }
            seq = rs.getLong(1) + 1;
            prevHash = rs.getString(2);
        }
        // Microseconds: what both databases keep, so a record re-read hashes the same.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditRecord record = AuditRecord.chained(seq, at, actor, event.name(), subject, detail, prevHash);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit (seq, recorded_at, actor, event, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.setString(3, record.actor());
            insert.setString(4, record.event());
            insert.setString(5, record.subject());
            insert.setString(6, record.detail());
            insert.setString(7, prevHash);
            insert.setString(8, record.hash());
            insert.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            update.setLong(1, seq);
            update.setString(2, record.hash());
            update.executeUpdate();
        }
        return record;
    }

    /** One record of the trail. */
    public record AuditRecord(long seq, Instant recordedAt, String actor, String event, String subject, String detail,
                              String prevHash, String hash) {
        /** Field limits of the audit table; longer text is cut, never refused. */
        static final int MAX_DETAIL = 4000;
        static final int MAX_SUBJECT = 300;
        static final int MAX_ACTOR = 128;

        static AuditRecord chained(long seq, Instant at, String actor, String event, String subject, String detail,
                                   String prevHash) {
            String a = cut(actor, MAX_ACTOR);
            String s = cut(subject, MAX_SUBJECT);
            String d = cut(detail, MAX_DETAIL);
            return new AuditRecord(seq, at, a, event, s, d, prevHash, hashOf(seq, at, a, event, s, d, prevHash));
        }

        /** The hash this record should carry, from its fields and its predecessor's hash. */
        public String expectedHash() {
            return hashOf(seq, recordedAt, actor, event, subject, detail, prevHash);
        }

        static String hashOf(long seq, Instant at, String actor, String event, String subject, String detail, String prevHash) {
            // Length-prefixed fields: no two different records can serialise to the same bytes.
            StringBuilder canonical = new StringBuilder();
            for (String field : new String[] {Long.toString(seq), at.toString(), actor, event, subject, detail, prevHash}) {
                canonical.append(field.length()).append(':').append(field).append('\n');
            }
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        private static String cut(String text, int max) {
            String value = text == null ? "" : text;
            return value.length() <= max ? value : value.substring(0, max - 1) + "…";
        }
    }
}
