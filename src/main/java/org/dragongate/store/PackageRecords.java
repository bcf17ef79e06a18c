package org.dragongate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tracking record of each package taken in, shared by every gateway instance. Its state replaces
 * a marker beside the archived bytes: RECEIVED until the flow is finished with it, then ACCEPTED or
 * QUARANTINED, after which the same bytes are a duplicate. Every change is audited in its own
 * transaction.
 */
public final class PackageRecords {
    /** What taking in a package's bytes came to. */
    public enum Intake {
        /** First seen: recorded as RECEIVED, to be processed. */
        NEW,
        /** Seen before, but the flow never finished with it (a crash, a failed stage): process it again. */
        RETAKE,
        /** Seen and finished with (accepted, quarantined or failed): acknowledged, not processed again. */
        DUPLICATE
    }

    /**
     * Where a package stands. FAILED: its processing failed on every attempt (not a refusal); like a
     * quarantined one it is taken again only when an administrator asks ({@link PackageRequests}).
     */
    public enum State { RECEIVED, ACCEPTED, QUARANTINED, FAILED }

    /**
     * A package as the channel delivered it, before anything is verified.
     *
     * @param channel        {@code sftp} or {@code mail}
     * @param claimedPartner the partner the channel says sent it
     * @param form           {@code CMS} or {@code SMIME}
     */
    public record Arrival(String sha256, long size, String channel, String claimedPartner, String origin, String form,
                          Instant receivedAt) {
        public Arrival {
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;
    private final String actor;

    /** @param actor who records: this gateway instance's id */
    public PackageRecords(Database db, AuditTrail trail, Clock clock, String actor) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
        this.actor = actor;
    }

    /**
     * Records a package's arrival. Two instances taking in the same bytes at once both insert; the
     * primary key lets one win, and the other, rolled back, reads the winner's row in a fresh
     * transaction (and processes it too, as a retake: the notice registry then keeps its notices from
     * being delivered twice).
     */
    public Intake received(Arrival arrival) throws SQLException {
        return Sql.retryingOnceOnConflict(db, c -> {
            Optional<State> state = stateOf(c, arrival.sha256());
            AuditBatch audit = new AuditBatch();
            Intake intake;
            if (state.isEmpty()) {
                insert(c, arrival);
                audit.add(AuditEvent.RECEIVED, arrival.sha256(), describe(arrival));
                intake = Intake.NEW;
            } else if (state.get() == State.RECEIVED) {
                audit.add(AuditEvent.RECEIVED, arrival.sha256(), "taken again, an earlier attempt did not finish: " + describe(arrival));
                intake = Intake.RETAKE;
            } else {
                audit.add(AuditEvent.DUPLICATE, arrival.sha256(), "the same bytes again, already " + state.get() + ": "
                        + describe(arrival));
                intake = Intake.DUPLICATE;
            }
            audit.appendTo(c, trail, actor);
            return intake;
        });
    }

    /** The package opened: decrypted, and its signature verified as the partner's. */
    public void opened(String sha256, String partnerId, String signerSubject, String signerSerial) throws SQLException {
        opened(sha256, partnerId, signerSubject, signerSerial, null);
    }

    /** @param revocationWaiver why the signer's revocation went unchecked (accepted by the gateway's policy); null when it was checked */
    public void opened(String sha256, String partnerId, String signerSubject, String signerSerial, String revocationWaiver)
            throws SQLException {
        db.inTransaction(c -> {
            requireOne(Sql.update(c, "UPDATE package SET partner_id = ?, signer_subject = ?, signer_serial = ?, updated_at = ? WHERE sha256 = ?",
                    Sql.cut(partnerId, 64), Sql.cut(signerSubject, 1024), Sql.cut(signerSerial, 128), now(), sha256), sha256);
            new AuditBatch().add(AuditEvent.OPENED, sha256, "partner " + partnerId + ", signer " + signerSubject + " serial " + signerSerial
                    + (revocationWaiver == null ? "" : "; " + revocationWaiver)).appendTo(c, trail, actor);
            return null;
        });
    }

    /** The flow finished with the package and its notices are registered: from now on the same bytes are a duplicate. */
    public void accepted(String sha256) throws SQLException {
        db.inTransaction(c -> {
            // Only from RECEIVED: an instance that processed the same package at the same time already recorded it.
            if (Sql.update(c, "UPDATE package SET state = 'ACCEPTED', updated_at = ? WHERE sha256 = ? AND state = 'RECEIVED'", now(), sha256) == 1) {
                new AuditBatch().add(AuditEvent.ACCEPTED, sha256, "accepted").appendTo(c, trail, actor);
            }
            return null;
        });
    }

    /**
     * The package refused and set aside. The message goes to the quarantine row only: it may quote
     * notice fields, which are intelligence; the audit trail gets the reason code and the entry id.
     */
    public void quarantined(String sha256, String quarantineId, String reasonCode, String message) throws SQLException {
        Sql.retryingOnceOnConflict(db, c -> {
            Instant now = now();
            requireOne(Sql.update(c, "UPDATE package SET state = 'QUARANTINED', reason_code = ?, updated_at = ? WHERE sha256 = ?",
                    Sql.cut(reasonCode, 64), now, sha256), sha256);
            if (!Sql.exists(c, "SELECT 1 FROM quarantine WHERE quarantine_id = ?", quarantineId)) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO quarantine (quarantine_id, package_sha256, reason_code, "
                        + "message, state, quarantined_at, updated_at) VALUES (?, ?, ?, ?, 'OPEN', ?, ?)")) {
                    insert.setString(1, quarantineId);
                    insert.setString(2, sha256);
                    insert.setString(3, Sql.cut(reasonCode, 64));
                    insert.setString(4, Sql.cut(message == null ? "" : message, 4000));
                    Sql.setInstant(insert, 5, now);
                    Sql.setInstant(insert, 6, now);
                    insert.executeUpdate();
                }
            }
            new AuditBatch().add(AuditEvent.REFUSED, sha256, reasonCode + ", quarantined as " + quarantineId).appendTo(c, trail, actor);
            return null;
        });
    }

    /**
     * An attempt at processing the package failed for a reason that is not the package's fault; the
     * broker delivers it again or gives up. Only the last error is kept (for 'failed list'), not
     * audited: an outage would otherwise fill the trail with one record per attempt.
     *
     * @param error the exception's type and short message, never content
     */
    public void attemptFailed(String sha256, Integer attempt, String error) throws SQLException {
        db.inTransaction(c -> Sql.update(c, "UPDATE package SET last_error = ?, failed_attempts = ?, updated_at = ? WHERE sha256 = ?"
                + " AND state = 'RECEIVED'", Sql.cut(error, 1000), attempt, now(), sha256));
    }

    /**
     * The broker gave up on the package after its last attempt: FAILED, with the last error, until an
     * administrator re-drives it. Only from RECEIVED: a package finished meanwhile stays as it is.
     *
     * @return whether the package was recorded as failed now
     */
    public boolean failed(String sha256) throws SQLException {
        return db.inTransaction(c -> {
            if (Sql.update(c, "UPDATE package SET state = 'FAILED', updated_at = ? WHERE sha256 = ? AND state = 'RECEIVED'", now(), sha256) != 1) {
                return false;
            }
            String lastError = lastError(c, sha256);
            new AuditBatch().add(AuditEvent.FAILED, sha256, "processing failed on every attempt"
                    + (lastError == null ? "" : ", last: " + lastError) + "; waits for 'failed redrive'").appendTo(c, trail, actor);
            return true;
        });
    }

    /**
     * Takes a quarantined or failed package again because an administrator asked: RECEIVED, as if it
     * had just arrived (its refusal reason and last error cleared; the quarantine table and the audit
     * trail keep them), so the flow tracks it like a fresh package. A package already RECEIVED again
     * (an instance died between this and queueing it) is returned as it is.
     *
     * @return the package as it arrived, for its claim check
     * @throws PackageRequests.CannotRequeue when the package was never taken in or was accepted meanwhile
     */
    public Arrival retake(PackageRequests.PackageRequest request) throws SQLException, PackageRequests.CannotRequeue {
        String sha256 = request.packageSha256();
        Arrival arrival = db.inTransaction(c -> {
            Optional<State> state = stateOf(c, sha256);
            if (state.isEmpty() || state.get() == State.ACCEPTED) {
                return null;
            }
            if (state.get() != State.RECEIVED) {
                Sql.update(c, "UPDATE package SET state = 'RECEIVED', reason_code = NULL, last_error = NULL, failed_attempts = NULL,"
                        + " updated_at = ? WHERE sha256 = ?", now(), sha256);
                new AuditBatch().add(AuditEvent.RECEIVED, sha256, "taken again, was " + state.get() + ": " + request.kind() + " request "
                        + request.id() + " of " + request.requestedBy()).appendTo(c, trail, actor);
            }
            return arrivalOf(c, sha256);
        });
        if (arrival == null) {
            throw new PackageRequests.CannotRequeue("package " + request.shortSha() + " was accepted meanwhile or never taken in;"
                    + " there is nothing to process again");
        }
        return arrival;
    }

    private static Arrival arrivalOf(Connection c, String sha256) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT size_bytes, channel, claimed_partner, origin, form, received_at FROM package WHERE sha256 = ?")) {
            select.setString(1, sha256);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new Arrival(sha256, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Sql.instant(rs, 6));
            }
        }
    }

    private static String lastError(Connection c, String sha256) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT last_error FROM package WHERE sha256 = ?")) {
            select.setString(1, sha256);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** What the sender was told: a receipt sent or kept unsent, or none because the sender was not verified. */
    public void receipt(String sha256, String what) throws SQLException {
        db.inTransaction(c -> {
            new AuditBatch().add(AuditEvent.RECEIPT_SENT, sha256, what).appendTo(c, trail, actor);
            return null;
        });
    }

    /** The package's state, or empty when it was never taken in. */
    public Optional<State> state(String sha256) throws SQLException {
        return db.inTransaction(c -> stateOf(c, sha256));
    }

    private static Optional<State> stateOf(Connection c, String sha256) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT state FROM package WHERE sha256 = ?")) {
            select.setString(1, sha256);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(State.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private void insert(Connection c, Arrival arrival) throws SQLException {
        Instant now = now();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO package (sha256, size_bytes, channel, claimed_partner, origin, form, "
                + "received_at, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?)")) {
            insert.setString(1, arrival.sha256());
            insert.setLong(2, arrival.size());
            insert.setString(3, Sql.cut(arrival.channel(), 16));
            insert.setString(4, Sql.cut(arrival.claimedPartner(), 64));
            insert.setString(5, Sql.cut(arrival.origin(), 1024));
            insert.setString(6, Sql.cut(arrival.form(), 8));
            Sql.setInstant(insert, 7, arrival.receivedAt());
            Sql.setInstant(insert, 8, now);
            insert.executeUpdate();
        }
    }

    private static String describe(Arrival arrival) {
        return arrival.size() + " bytes over " + arrival.channel() + " from " + arrival.origin() + " (partner " + arrival.claimedPartner() + ")";
    }

    private static void requireOne(int rows, String sha256) throws SQLException {
        if (rows != 1) {
            throw new SQLException("package " + sha256 + " has no tracking record: it was never taken in");
        }
    }

    private Instant now() {
        return Sql.micros(clock.instant());
    }
}
