package org.dragongate.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dragongate.store.Database;

/**
 * Where a package's time goes, from the tracking database: the audit trail's recorded_at for each
 * state change (RECEIVED, OPENED, CONVERTED, QUEUED, DELIVERED), the delivery's first attempt, and
 * the two times the benchmark took itself (upload complete, arrival at the contact point). Each
 * stage is wall-clock time between two of these, waits included; there is no CPU split per stage.
 */
final class StageProfile {
    /** The stages in flow order, each named by what happens between its two timestamps. */
    static final List<String> STAGES = List.of(
            "intake: upload done -> RECEIVED (SFTP/IMAP poll wait, download, archive, DB)",
            "queue + open: RECEIVED -> OPENED (JMS hop, decrypt, verify)",
            "convert + route + seal: OPENED -> CONVERTED",
            "store: CONVERTED -> last QUEUED (notice and deliveries registered)",
            "delivery wait: QUEUED -> first attempt (wake-up or delivery.poll-period)",
            "deliver: first attempt -> arrival at contact point (HTTP POST)",
            "record: arrival -> DELIVERED on the audit trail");

    private final Map<String, List<Double>> millis = new LinkedHashMap<>();

    StageProfile() {
        STAGES.forEach(stage -> millis.put(stage, new ArrayList<>()));
    }

    /** Adds one package's stages; a package the database does not know (not taken in) adds nothing. */
    void add(Database db, BenchPackage pkg, Instant uploaded, Map<String, Instant> arrivals) throws SQLException {
        db.inTransaction(c -> {
            Optional<String[]> notice = notice(c, pkg);
            if (notice.isEmpty()) {
                return null;
            }
            String noticeId = notice.get()[0];
            String sha256 = notice.get()[1];
            Instant received = first(c, sha256, "RECEIVED");
            Instant opened = first(c, sha256, "OPENED");
            Instant converted = first(c, noticeId, "CONVERTED");
            Instant queued = null;
            for (String key : pkg.expectedKeys()) {
                Instant at = first(c, key, "QUEUED");
                queued = queued == null || (at != null && at.isAfter(queued)) ? at : queued;
            }
            add(0, uploaded, received);
            add(1, received, opened);
            add(2, opened, converted);
            add(3, converted, queued);
            for (String key : pkg.expectedKeys()) {
                Instant attempted = firstAttempt(c, key);
                add(4, first(c, key, "QUEUED"), attempted);
                add(5, attempted, arrivals.get(key));
                add(6, arrivals.get(key), first(c, key, "DELIVERED"));
            }
            return null;
        });
    }

    private void add(int stage, Instant from, Instant to) {
        if (from != null && to != null) {
            millis.get(STAGES.get(stage)).add(Duration.between(from, to).toNanos() / 1e6);
        }
    }

    Map<String, Percentiles> summary() {
        Map<String, Percentiles> summary = new LinkedHashMap<>();
        millis.forEach((stage, values) -> summary.put(stage, Percentiles.of(values)));
        return summary;
    }

    private static Optional<String[]> notice(Connection c, BenchPackage pkg) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT notice_id, package_sha256 FROM notice WHERE partner_id = ? AND reference = ?")) {
            q.setString(1, pkg.partnerId());
            q.setString(2, pkg.reference());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    private static Instant first(Connection c, String subject, String event) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT MIN(recorded_at) FROM audit WHERE subject = ? AND event = ?")) {
            q.setString(1, subject);
            q.setString(2, event);
            return instant(q);
        }
    }

    private static Instant firstAttempt(Connection c, String deliveryKey) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT first_attempt_at FROM delivery WHERE delivery_key = ?")) {
            q.setString(1, deliveryKey);
            return instant(q);
        }
    }

    private static Instant instant(PreparedStatement q) throws SQLException {
        try (ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
            return at == null ? null : at.toInstant();
        }
    }
}
