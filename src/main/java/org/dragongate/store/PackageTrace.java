package org.dragongate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.dragongate.store.PackageHistory.Quarantined;
import org.dragongate.store.PackageHistory.Received;
import org.dragongate.store.PackageHistory.TracedDelivery;
import org.dragongate.store.PackageHistory.TracedNotice;

/**
 * Finds a package by whatever identifier an administrator has at hand (the package's sha256 or a
 * unique prefix of it, the gateway's notice id, or a partner's own reference) and assembles its
 * whole history from the tracking database.
 */
public final class PackageTrace {
    /** The shortest sha256 prefix accepted: shorter ones match too much to be worth a query. */
    public static final int MIN_PREFIX = 8;
    /** Candidates listed for an ambiguous prefix; more means the prefix needs to be longer anyway. */
    static final int MAX_CANDIDATES = 20;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private final Database database;

    public PackageTrace(Database database) {
        this.database = database;
    }

    /** What a lookup found. */
    public sealed interface Lookup permits Found, NotFound, Ambiguous {
    }

    /** The packages the identifier names, oldest first: several when a reference has several partners or versions. */
    public record Found(List<PackageHistory> packages) implements Lookup {
    }

    /** Nothing matches; {@code why} says what was tried. */
    public record NotFound(String query, String why) implements Lookup {
    }

    /** A sha256 prefix that matches several packages; {@code more} when there are more than those listed. */
    public record Ambiguous(String prefix, List<Candidate> candidates, boolean more) implements Lookup {
    }

    /** A package an ambiguous prefix matches, with enough to tell it apart. */
    public record Candidate(String sha256, String channel, String claimedPartner, Instant receivedAt) {
    }

    public Lookup find(String identifier) throws SQLException {
        String query = identifier.strip();
        String lower = query.toLowerCase(Locale.ROOT);
        boolean hex = HEX.matcher(lower).matches();
        return database.inTransaction(connection -> {
            Set<String> packages = new LinkedHashSet<>();
            if (hex && lower.length() == 64) {
                packages.addAll(strings(connection, "SELECT sha256 FROM package WHERE sha256 = ?", lower));
            }
            packages.addAll(strings(connection, "SELECT package_sha256 FROM notice WHERE notice_id = ?", query));
            packages.addAll(strings(connection, "SELECT package_sha256 FROM notice WHERE reference = ?", query));
            if (packages.isEmpty() && hex && lower.length() >= MIN_PREFIX && lower.length() < 64) {
                List<Candidate> candidates = candidates(connection, lower);
                if (candidates.size() > 1) {
                    boolean more = candidates.size() > MAX_CANDIDATES;
                    return new Ambiguous(lower, List.copyOf(candidates.subList(0, Math.min(candidates.size(), MAX_CANDIDATES))), more);
                }
                candidates.forEach(candidate -> packages.add(candidate.sha256()));
            }
            if (packages.isEmpty()) {
                return new NotFound(query, hex && lower.length() < MIN_PREFIX
                        ? "no notice id or partner reference matches, and a sha256 prefix needs at least " + MIN_PREFIX + " hex characters"
                        : "no package sha256" + (hex ? " or prefix" : "") + ", notice id or partner reference matches");
            }
            List<PackageHistory> histories = new ArrayList<>();
            for (String sha256 : packages) {
                histories.add(history(connection, sha256));
            }
            histories.sort(Comparator.comparing((PackageHistory h) -> h.received().receivedAt())
                    .thenComparing(h -> h.received().sha256()));
            return new Found(List.copyOf(histories));
        });
    }

    private static PackageHistory history(Connection connection, String sha256) throws SQLException {
        Received received = received(connection, sha256);
        List<Quarantined> quarantine = quarantine(connection, sha256);
        List<TracedNotice> notices = notices(connection, sha256);
        Set<String> subjects = new LinkedHashSet<>();
        subjects.add(sha256);
        quarantine.forEach(entry -> subjects.add(entry.quarantineId()));
        for (TracedNotice notice : notices) {
            subjects.add(notice.noticeId());
            notice.deliveries().forEach(delivery -> subjects.add(delivery.deliveryKey()));
        }
        return new PackageHistory(received, quarantine, notices, AuditChain.forSubjects(connection, subjects));
    }

    private static Received received(Connection connection, String sha256) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT sha256, size_bytes, channel, claimed_partner, origin, form, received_at, state, partner_id,"
                        + " signer_subject, signer_serial, reason_code, updated_at FROM package WHERE sha256 = ?")) {
            query.setString(1, sha256);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    // A notice names it through a foreign key, so it is there unless it was deleted meanwhile.
                    throw new SQLException("package " + sha256 + " vanished while it was being traced");
                }
                return new Received(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Rows.instant(rs, 7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), Rows.instant(rs, 13));
            }
        }
    }

    private static List<Quarantined> quarantine(Connection connection, String sha256) throws SQLException {
        List<Quarantined> entries = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT quarantine_id, reason_code, message, state, quarantined_at, updated_at FROM quarantine"
                        + " WHERE package_sha256 = ? ORDER BY quarantined_at, quarantine_id")) {
            query.setString(1, sha256);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Quarantined(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Rows.instant(rs, 5), Rows.instant(rs, 6)));
                }
            }
        }
        return entries;
    }

    private static List<TracedNotice> notices(Connection connection, String sha256) throws SQLException {
        List<TracedNotice> notices = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT notice_id, partner_id, reference, version, content_sha256, supersedes, received_at FROM notice"
                        + " WHERE package_sha256 = ? ORDER BY received_at, notice_id")) {
            query.setString(1, sha256);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String noticeId = rs.getString(1);
                    String partnerId = rs.getString(2);
                    String reference = rs.getString(3);
                    notices.add(new TracedNotice(noticeId, partnerId, reference, rs.getInt(4), rs.getString(5), rs.getString(6),
                            supersededBy(connection, noticeId, partnerId, reference), Rows.instant(rs, 7),
                            deliveries(connection, noticeId)));
                }
            }
        }
        return notices;
    }

    private static String supersededBy(Connection connection, String noticeId, String partnerId, String reference)
            throws SQLException {
        // Partner and reference first: the notice_version constraint's index finds the versions.
        List<String> later = strings(connection,
                "SELECT notice_id FROM notice WHERE partner_id = ? AND reference = ? AND supersedes = ?", partnerId, reference, noticeId);
        return later.isEmpty() ? null : later.get(0);
    }

    private static List<TracedDelivery> deliveries(Connection connection, String noticeId) throws SQLException {
        List<TracedDelivery> deliveries = new ArrayList<>();
        // Never the sealed column: the trace is for reading, and those bytes are the notice itself.
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT delivery_key, contact_point_id, routing_reason, state, attempts, queued_at, first_attempt_at,"
                        + " last_attempt_at, next_attempt_at, last_outcome FROM delivery WHERE notice_id = ?"
                        + " ORDER BY queued_at, contact_point_id")) {
            query.setString(1, noticeId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    deliveries.add(new TracedDelivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), Rows.instant(rs, 6), Rows.instant(rs, 7), Rows.instant(rs, 8), Rows.instant(rs, 9),
                            rs.getString(10)));
                }
            }
        }
        return deliveries;
    }

    private static List<Candidate> candidates(Connection connection, String prefix) throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        // The prefix is hex only, so it holds no LIKE wildcards.
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT sha256, channel, claimed_partner, received_at FROM package WHERE sha256 LIKE ?"
                        + " ORDER BY received_at, sha256 FETCH FIRST " + (MAX_CANDIDATES + 1) + " ROWS ONLY")) {
            query.setString(1, prefix + "%");
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), Rows.instant(rs, 4)));
                }
            }
        }
        return candidates;
    }

    private static List<String> strings(Connection connection, String sql, String... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
