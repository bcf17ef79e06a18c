package org.dragongate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dragongate.store.DeliveryStore.DeliveryStatus;
import org.dragongate.store.DeliveryStore.RoutedDelivery;

/**
 * The notices the gateway knows, by partner and the partner's own reference. Encryption is
 * randomised, so a partner that re-seals and resends a notice sends new bytes: the notice is
 * recognised by its reference and the digest of its content instead. The same content again is a
 * DUPLICATE (nothing is queued again); other content under a known reference is a NEW_VERSION that
 * supersedes the latest one. Deciding that and queueing the deliveries happen in one transaction,
 * so no duplicate slips in between the check and the queue, whichever instance registers it.
 */
public final class NoticeRegistry {
    public enum Outcome { NEW, NEW_VERSION, DUPLICATE }

    /**
     * A converted notice, as the registry tells notices apart.
     *
     * @param position      its place in the package's document, from 1
     * @param reference     the partner's own notice id
     * @param contentSha256 digest of the notice without what the gateway adds about the package it came in
     */
    public record IncomingNotice(String packageSha256, long position, String partnerId, String reference, String contentSha256) {
        public IncomingNotice {
            Objects.requireNonNull(packageSha256, "packageSha256");
            Objects.requireNonNull(partnerId, "partnerId");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(contentSha256, "contentSha256");
        }
    }

    /**
     * What a notice is to the gateway, and where its deliveries stand now.
     *
     * @param noticeId   the gateway's id ({@link GatewayNoticeId})
     * @param supersedes for a NEW_VERSION, the id of the version it replaces; null otherwise
     * @param deliveries for a DUPLICATE, the deliveries of the notice it repeats
     */
    public record Registration(long position, String noticeId, String reference, int version, Outcome outcome, String supersedes,
                               List<DeliveryStatus> deliveries) {
        public Registration {
            deliveries = List.copyOf(deliveries);
        }
    }

    private record Known(String noticeId, String reference, int version, String supersedes) {
    }

    private final Database db;
    private final AuditTrail trail;
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final String actor;

    public NoticeRegistry(Database db, AuditTrail trail, DeliveryStore deliveries, Clock clock, String actor) {
        this.db = db;
        this.trail = trail;
        this.deliveries = deliveries;
        this.clock = clock;
        this.actor = actor;
    }

    /**
     * Settles a notice that needs no new deliveries, so the caller can skip sealing it: one this package
     * registered already (an earlier attempt at the package was cut short) comes back as it was; the
     * same content from the same partner is recorded as this package's DUPLICATE.
     *
     * @return empty when the notice is new or a new version: seal it and {@link #register} it
     */
    public Optional<Registration> registerIfKnown(IncomingNotice notice) throws SQLException {
        return Sql.retryingOnceOnConflict(db, c -> {
            AuditBatch audit = new AuditBatch();
            Optional<Registration> known = known(c, notice, audit);
            audit.appendTo(c, trail, actor);
            return known;
        });
    }

    /**
     * Registers a notice and queues its deliveries (each sealed by the caller, outside any lock), or,
     * when it turns out known after all, records that and drops the sealed bytes. A concurrent instance
     * registering the same notice makes the insert fail on a unique key: the transaction is rolled back
     * and run once more, and then finds the notice the other one registered.
     */
    public Registration register(IncomingNotice notice, List<RoutedDelivery> routed) throws SQLException {
        return Sql.retryingOnceOnConflict(db, c -> {
            AuditBatch audit = new AuditBatch();
            Optional<Registration> known = known(c, notice, audit);
            Registration registration = known.isPresent() ? known.get() : insert(c, notice, routed, audit);
            audit.appendTo(c, trail, actor);
            return registration;
        });
    }

    /**
     * What each notice of a package was when it came, in the document's order, with its deliveries as
     * they stand now. One query, read row by row: a delivery row per contact point, grouped by notice.
     */
    public List<Registration> ofPackage(String packageSha256) throws SQLException {
        return db.inTransaction(c -> {
            List<Registration> notices = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT pn.position, pn.notice_id, n.reference, n.version, pn.outcome, "
                    + "n.supersedes, d.delivery_key, d.contact_point_id, d.state FROM package_notice pn "
                    + "JOIN notice n ON n.notice_id = pn.notice_id LEFT JOIN delivery d ON d.notice_id = pn.notice_id "
                    + "WHERE pn.package_sha256 = ? ORDER BY pn.position, d.contact_point_id")) {
                select.setString(1, packageSha256);
                try (ResultSet rs = select.executeQuery()) {
                    long position = -1;
                    Registration current = null;
                    List<DeliveryStatus> statuses = new ArrayList<>();
                    while (rs.next()) {
                        if (rs.getLong(1) != position) {
                            if (current != null) {
                                notices.add(withDeliveries(current, statuses));
                            }
                            position = rs.getLong(1);
                            Outcome outcome = Outcome.valueOf(rs.getString(5));
                            current = new Registration(position, rs.getString(2), rs.getString(3), rs.getInt(4), outcome,
                                    outcome == Outcome.NEW_VERSION ? rs.getString(6) : null, List.of());
                            statuses = new ArrayList<>();
                        }
                        if (rs.getString(7) != null) {
                            statuses.add(new DeliveryStatus(rs.getString(7), rs.getString(8), DeliveryStore.State.valueOf(rs.getString(9))));
                        }
                    }
                    if (current != null) {
                        notices.add(withDeliveries(current, statuses));
                    }
                }
            }
            return notices;
        });
    }

    private static Registration withDeliveries(Registration r, List<DeliveryStatus> statuses) {
        return new Registration(r.position(), r.noticeId(), r.reference(), r.version(), r.outcome(), r.supersedes(), statuses);
    }

    /** A notice this package registered before, or a duplicate (then recorded); empty when it is new content. */
    private Optional<Registration> known(Connection c, IncomingNotice notice, AuditBatch audit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT pn.notice_id, n.reference, n.version, pn.outcome, n.supersedes "
                + "FROM package_notice pn JOIN notice n ON n.notice_id = pn.notice_id WHERE pn.package_sha256 = ? AND pn.position = ?")) {
            Sql.bind(select, notice.packageSha256(), notice.position());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    Outcome outcome = Outcome.valueOf(rs.getString(4));
                    return Optional.of(new Registration(notice.position(), rs.getString(1), rs.getString(2), rs.getInt(3), outcome,
                            outcome == Outcome.NEW_VERSION ? rs.getString(5) : null, deliveries.statusesOf(c, rs.getString(1))));
                }
            }
        }
        Optional<Known> same = find(c, "SELECT notice_id, reference, version, supersedes FROM notice "
                + "WHERE partner_id = ? AND reference = ? AND content_sha256 = ?", notice.partnerId(), notice.reference(), notice.contentSha256());
        if (same.isEmpty()) {
            return Optional.empty();
        }
        Known existing = same.get();
        link(c, notice, existing.noticeId(), Outcome.DUPLICATE);
        List<DeliveryStatus> statuses = deliveries.statusesOf(c, existing.noticeId());
        audit.add(AuditEvent.DUPLICATE, existing.noticeId(), "the same notice again in package " + notice.packageSha256()
                + " (notice " + notice.position() + "); deliveries: " + describe(statuses));
        return Optional.of(new Registration(notice.position(), existing.noticeId(), existing.reference(), existing.version(),
                Outcome.DUPLICATE, null, statuses));
    }

    private Registration insert(Connection c, IncomingNotice notice, List<RoutedDelivery> routed, AuditBatch audit) throws SQLException {
        Optional<Known> latest = find(c, "SELECT notice_id, reference, version, supersedes FROM notice WHERE partner_id = ? AND reference = ? "
                + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", notice.partnerId(), notice.reference());
        int version = latest.map(k -> k.version() + 1).orElse(1);
        String supersedes = latest.map(Known::noticeId).orElse(null);
        Outcome outcome = supersedes == null ? Outcome.NEW : Outcome.NEW_VERSION;
        String noticeId = GatewayNoticeId.of(notice.partnerId(), notice.reference(), version);
        Instant now = Sql.micros(clock.instant());
        Sql.update(c, "INSERT INTO notice (notice_id, partner_id, reference, version, content_sha256, package_sha256, supersedes, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", noticeId, notice.partnerId(), notice.reference(), version, notice.contentSha256(),
                notice.packageSha256(), supersedes, now);
        audit.add(AuditEvent.CONVERTED, noticeId, "notice " + notice.position() + " of package " + notice.packageSha256() + ", reference "
                + notice.reference() + ", content sha256 " + notice.contentSha256()
                + (supersedes == null ? "" : "; version " + version + ", supersedes " + supersedes));
        audit.add(AuditEvent.ROUTED, noticeId, routed.stream().map(RoutedDelivery::routingReason).collect(Collectors.joining("; ")));
        deliveries.queue(c, noticeId, routed, now, audit);
        link(c, notice, noticeId, outcome);
        return new Registration(notice.position(), noticeId, notice.reference(), version, outcome, supersedes, deliveries.statusesOf(c, noticeId));
    }

    private static void link(Connection c, IncomingNotice notice, String noticeId, Outcome outcome) throws SQLException {
        Sql.update(c, "INSERT INTO package_notice (package_sha256, position, notice_id, outcome) VALUES (?, ?, ?, ?)",
                notice.packageSha256(), notice.position(), noticeId, outcome.name());
    }

    private static Optional<Known> find(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            Sql.bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Known(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4))) : Optional.empty();
            }
        }
    }

    private static String describe(List<DeliveryStatus> statuses) {
        return statuses.stream().map(s -> s.contactPointId() + " " + s.state()).collect(Collectors.joining(", "));
    }
}
