package org.dragongate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliveries of notices to contact points, one row each, shared by every gateway instance. A row is
 * queued in the transaction that registers its notice ({@link NoticeRegistry}); workers then claim
 * due rows for a lease, so two instances never attempt the same delivery at once and a dead
 * instance's claims lapse for another to take over. Only the instance holding the claim records the
 * attempt. Every state change is audited in its transaction.
 */
public final class DeliveryStore {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryStore.class);
    /** Due, unclaimed, and not for a suspended contact point: those deliveries are held, queued, until it is resumed. */
    private static final String DUE = "state = 'QUEUED' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"
            + " AND contact_point_id NOT IN (SELECT contact_point_id FROM contact_point WHERE status = 'SUSPENDED')";

    public enum State { QUEUED, DELIVERED, DEAD }

    /**
     * A notice routed to a contact point and sealed for it, ready to queue.
     *
     * @param sealed the exact bytes every attempt sends
     */
    public record RoutedDelivery(String contactPointId, String routingReason, byte[] sealed) {
        public RoutedDelivery {
            Objects.requireNonNull(contactPointId, "contactPointId");
            Objects.requireNonNull(sealed, "sealed");
        }
    }

    /** Where one delivery of a notice stands. */
    public record DeliveryStatus(String deliveryKey, String contactPointId, State state) {
    }

    /**
     * A delivery this instance claimed: it alone attempts it until {@code claimedUntil}.
     *
     * @param attempts       attempts made before this one
     * @param firstAttemptAt null before the first attempt; the retry limit counts from it
     */
    public record Claim(String deliveryKey, String noticeId, String contactPointId, byte[] sealed, int attempts,
                        Instant firstAttemptAt, String claimedBy, Instant claimedUntil) {
    }

    /** A delivery that failed for good or past the retry limit. */
    public record DeadDelivery(String deliveryKey, String noticeId, String contactPointId, int attempts, String lastOutcome,
                               Instant lastAttemptAt, Instant deadSince) {
    }

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;

    public DeliveryStore(Database db, AuditTrail trail, Clock clock) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
    }

    /** The delivery key and Idempotency-Key: the same for every attempt and re-drive of this notice to this contact point. */
    public static String keyOf(String noticeId, String contactPointId) {
        return noticeId + "__" + contactPointId;
    }

    /** Queues the notice's deliveries, due now, inside the caller's transaction (the one that registers the notice). */
    void queue(Connection c, String noticeId, List<RoutedDelivery> deliveries, Instant now, AuditBatch audit) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO delivery (delivery_key, notice_id, contact_point_id, routing_reason, "
                + "state, sealed, attempts, next_attempt_at, queued_at, updated_at) VALUES (?, ?, ?, ?, 'QUEUED', ?, 0, ?, ?, ?)")) {
            for (RoutedDelivery delivery : deliveries) {
                String key = keyOf(noticeId, delivery.contactPointId());
                Sql.bind(insert, key, noticeId, delivery.contactPointId(), Sql.cut(delivery.routingReason(), 1024), delivery.sealed(),
                        now, now, now);
                insert.executeUpdate();
                audit.add(AuditEvent.QUEUED, key, delivery.sealed().length + " sealed bytes for " + delivery.contactPointId());
            }
        }
    }

    /** The deliveries of one notice, by contact point, as they stand in the caller's transaction. */
    List<DeliveryStatus> statusesOf(Connection c, String noticeId) throws SQLException {
        List<DeliveryStatus> statuses = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT delivery_key, contact_point_id, state FROM delivery WHERE notice_id = ? ORDER BY contact_point_id")) {
            select.setString(1, noticeId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    statuses.add(new DeliveryStatus(rs.getString(1), rs.getString(2), State.valueOf(rs.getString(3))));
                }
            }
        }
        return statuses;
    }

    /**
     * Claims up to {@code limit} deliveries that are due and not claimed by a live instance, oldest due
     * first. Each claim is a conditional update of its own: when two instances go for the same row, the
     * database lets one update it and the other's condition no longer holds, so it gets only the rows
     * it won.
     */
    public List<Claim> claimDue(String instanceId, Instant now, Duration lease, int limit) throws SQLException {
        Instant until = now.plus(lease);
        List<String> candidates = db.inTransaction(c -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT delivery_key FROM delivery WHERE " + DUE
                    + " ORDER BY next_attempt_at, delivery_key FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")) {
                Sql.bind(select, now, now);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
            }
            return keys;
        });
        List<Claim> claims = new ArrayList<>();
        for (String key : candidates) {
            Claim claim = db.inTransaction(c -> {
                if (Sql.update(c, "UPDATE delivery SET claimed_by = ?, claimed_until = ? WHERE delivery_key = ? AND " + DUE,
                        instanceId, until, key, now, now) != 1) {
                    return null;
                }
                return claimed(c, key);
            });
            if (claim != null) {
                claims.add(claim);
            }
        }
        return claims;
    }

    /** The contact point has it. @return false when another instance took the claim over (nothing recorded) */
    public boolean delivered(Claim claim, Instant attemptedAt, String outcome) throws SQLException {
        return record(claim, "state = 'DELIVERED'", attemptedAt, null, outcome, AuditEvent.DELIVERED,
                "attempt " + (claim.attempts() + 1) + ": " + outcome);
    }

    /** The attempt failed; the next one is due at {@code next}. @return false when another instance took the claim over */
    public boolean retry(Claim claim, Instant attemptedAt, Instant next, String outcome) throws SQLException {
        return record(claim, "next_attempt_at = ?", attemptedAt, next, outcome, AuditEvent.RETRIED,
                "attempt " + (claim.attempts() + 1) + " failed: " + outcome + "; next at " + Sql.micros(next));
    }

    /** Refused for good, or past the retry limit: left for an administrator. @return false when another instance took the claim over */
    public boolean dead(Claim claim, Instant attemptedAt, String reason) throws SQLException {
        return record(claim, "state = 'DEAD'", attemptedAt, null, reason, AuditEvent.DEAD_LETTERED,
                "after " + (claim.attempts() + 1) + " attempt(s): " + reason);
    }

    private boolean record(Claim claim, String change, Instant attemptedAt, Instant next, String outcome, AuditEvent event,
                           String detail) throws SQLException {
        boolean recorded = db.inTransaction(c -> {
            String sql = "UPDATE delivery SET " + change + ", attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, ?), "
                    + "last_attempt_at = ?, last_outcome = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ? "
                    + "WHERE delivery_key = ? AND state = 'QUEUED' AND claimed_by = ?";
            Object[] values = next == null
                    ? new Object[] {attemptedAt, attemptedAt, Sql.cut(outcome, 1024), now(), claim.deliveryKey(), claim.claimedBy()}
                    : new Object[] {next, attemptedAt, attemptedAt, Sql.cut(outcome, 1024), now(), claim.deliveryKey(), claim.claimedBy()};
            if (Sql.update(c, sql, values) != 1) {
                return false;
            }
            new AuditBatch().add(event, claim.deliveryKey(), detail).appendTo(c, trail, claim.claimedBy());
            return true;
        });
        if (!recorded) {
            LOG.warn("delivery {}: the claim of {} lapsed and another instance took it over; this attempt ({}) is not recorded",
                    claim.deliveryKey(), claim.claimedBy(), outcome);
        }
        return recorded;
    }

    /** Dead deliveries, longest dead first. */
    public List<DeadDelivery> listDead() throws SQLException {
        return db.inTransaction(c -> {
            List<DeadDelivery> dead = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT delivery_key, notice_id, contact_point_id, attempts, last_outcome, "
                    + "last_attempt_at, updated_at FROM delivery WHERE state = 'DEAD' ORDER BY updated_at, delivery_key");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    dead.add(new DeadDelivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            Sql.instant(rs, 6), Sql.instant(rs, 7)));
                }
            }
            return dead;
        });
    }

    /**
     * Queues a dead delivery again, due now, with its attempts and retry window reset; the same sealed
     * bytes and key go out, so the contact point can tell a re-drive from a new notice.
     *
     * @param actor who asked (an administrator), for the audit trail
     * @return false when there is no dead delivery with that key
     */
    public boolean redrive(String deliveryKey, String actor) throws SQLException {
        return db.inTransaction(c -> {
            Instant now = now();
            if (Sql.update(c, "UPDATE delivery SET state = 'QUEUED', attempts = 0, first_attempt_at = NULL, next_attempt_at = ?, "
                    + "claimed_by = NULL, claimed_until = NULL, updated_at = ? WHERE delivery_key = ? AND state = 'DEAD'",
                    now, now, deliveryKey) != 1) {
                return false;
            }
            new AuditBatch().add(AuditEvent.REDRIVEN, deliveryKey, "queued again by " + actor).appendTo(c, trail, actor);
            return true;
        });
    }

    /**
     * Gives up the claims an instance of this id still holds: called when it starts, since a claim it
     * holds then was made by an earlier run that died with it. Instance ids must be unique among the
     * running instances for this to be safe.
     *
     * @return how many claims were released
     */
    public int releaseClaimsOf(String instanceId) throws SQLException {
        return db.inTransaction(c -> Sql.update(c, "UPDATE delivery SET claimed_by = NULL, claimed_until = NULL "
                + "WHERE claimed_by = ? AND state = 'QUEUED'", instanceId));
    }

    /** The state of one delivery, for tests and the trace; empty when there is no such delivery. */
    public Optional<State> state(String deliveryKey) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT state FROM delivery WHERE delivery_key = ?")) {
                select.setString(1, deliveryKey);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(State.valueOf(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    private static Claim claimed(Connection c, String key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT delivery_key, notice_id, contact_point_id, sealed, attempts, "
                + "first_attempt_at, claimed_by, claimed_until FROM delivery WHERE delivery_key = ?")) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getInt(5), Sql.instant(rs, 6),
                        rs.getString(7), Sql.instant(rs, 8));
            }
        }
    }

    private Instant now() {
        return Sql.micros(clock.instant());
    }
}
