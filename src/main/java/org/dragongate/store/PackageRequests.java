package org.dragongate.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Administrators' requests to put a package through the flow again. The command line cannot reach
 * a gateway's embedded broker, and several instances may run, so a request is a row: the command
 * records it (audited, with who asked), and whichever instance polls first takes it, puts the
 * package back through intake onto the received queue, and marks it queued. A taken request
 * carries a lease: if its instance dies before queueing it, another instance takes it later.
 */
public final class PackageRequests {
    private static final Logger LOG = LoggerFactory.getLogger(PackageRequests.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "request_id, package_sha256, kind, quarantine_id, state, requested_by, requested_at, outcome,"
            + " updated_at";
    /** Requests one instance takes per poll; the rest wait for the next. */
    private static final int BATCH = 20;

    public enum Kind {
        /** A quarantined package, once the administrator fixed the cause of its refusal. */
        REPROCESS,
        /** A package whose processing failed on every attempt. */
        REDRIVE
    }

    public enum State { PENDING, TAKEN, QUEUED, FAILED }

    /**
     * One request.
     *
     * @param quarantineId for {@link Kind#REPROCESS}, the entry it was asked for; null otherwise
     * @param outcome      for {@link State#FAILED}, why the package could not be queued again
     */
    public record PackageRequest(String id, String packageSha256, Kind kind, String quarantineId, State state, String requestedBy,
                                 Instant requestedAt, String outcome, Instant updatedAt) {
        public String shortSha() {
            return packageSha256.substring(0, 12);
        }
    }

    /** The package cannot go through the flow again (its bytes are gone, it was accepted meanwhile): the request fails. */
    public static final class CannotRequeue extends Exception {
        private static final long serialVersionUID = 1L;

        public CannotRequeue(String message) {
            super(message);
        }
    }

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;
    private final String instanceId;
    private final Duration lease;

    /**
     * @param instanceId this gateway instance, which takes requests (the command line only adds them and may pass any name)
     * @param lease      how long a taken request stays this instance's before another may take it
     */
    public PackageRequests(Database db, AuditTrail trail, Clock clock, String instanceId, Duration lease) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
        this.instanceId = instanceId;
        this.lease = lease;
    }

    /** Records a request inside the caller's transaction (the one that audits the administrator's action). */
    public static PackageRequest add(Connection c, String sha256, Kind kind, String quarantineId, String actor, Instant now) throws SQLException {
        PackageRequest pending = pendingFor(c, sha256);
        if (pending != null) {
            throw new RequestRefused(RequestRefused.Problem.ALREADY_REQUESTED, "package " + sha256.substring(0, 12) + " already has "
                    + pending.kind() + " request " + pending.id() + " (" + pending.state() + ", asked by " + pending.requestedBy()
                    + " at " + pending.requestedAt() + "); the gateway takes it at its next poll");
        }
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        String id = "R-" + STAMP.format(now) + "-" + HexFormat.of().formatHex(random);
        Sql.update(c, "INSERT INTO package_request (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, sha256, kind.name(),
                quarantineId, State.PENDING.name(), Sql.cut(actor, 128), now, null, now);
        return new PackageRequest(id, sha256, kind, quarantineId, State.PENDING, Sql.cut(actor, 128), now, null, now);
    }

    /** A request for the package that is still waiting for, or being worked on by, an instance; null when there is none. */
    public static PackageRequest pendingFor(Connection c, String sha256) throws SQLException {
        List<PackageRequest> found = select(c, " WHERE package_sha256 = ? AND state IN ('PENDING', 'TAKEN')", sha256);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every request about the package, oldest first: its history for 'quarantine show'. */
    public static List<PackageRequest> ofPackage(Connection c, String sha256) throws SQLException {
        return select(c, " WHERE package_sha256 = ? ORDER BY requested_at, request_id", sha256);
    }

    /** Takes the requests that wait (or whose instance let its lease lapse) for this instance, oldest first. */
    public List<PackageRequest> take() throws SQLException {
        return db.inTransaction(c -> {
            Instant now = now();
            List<PackageRequest> due = select(c, " WHERE state = 'PENDING' OR (state = 'TAKEN' AND taken_until < ?)"
                    + " ORDER BY requested_at, request_id LIMIT " + BATCH, now);
            List<PackageRequest> taken = new ArrayList<>();
            for (PackageRequest request : due) {
                // Only if no other instance took it since the select: the update is the claim.
                if (Sql.update(c, "UPDATE package_request SET state = 'TAKEN', taken_by = ?, taken_until = ?, updated_at = ? WHERE request_id = ?"
                        + " AND (state = 'PENDING' OR (state = 'TAKEN' AND taken_until < ?))", Sql.cut(instanceId, 128), now.plus(lease), now,
                        request.id(), now) == 1) {
                    taken.add(new PackageRequest(request.id(), request.packageSha256(), request.kind(), request.quarantineId(), State.TAKEN,
                            request.requestedBy(), request.requestedAt(), null, now));
                }
            }
            return taken;
        });
    }

    /** The package is on the received queue again; its processing is tracked like a new arrival's. */
    public void queued(PackageRequest request) throws SQLException {
        db.inTransaction(c -> Sql.update(c, "UPDATE package_request SET state = 'QUEUED', outcome = ?, updated_at = ? WHERE request_id = ?",
                "queued by " + Sql.cut(instanceId, 100), now(), request.id()));
        LOG.info("{} request {} of {}: package {} is queued again", request.kind(), request.id(), request.requestedBy(), request.shortSha());
    }

    /** The package could not be queued again; the request ends, audited, with the reason for the administrator. */
    public void failed(PackageRequest request, Throwable why) throws SQLException {
        String reason = Sql.cut(why.getMessage(), 1000);
        db.inTransaction(c -> {
            Sql.update(c, "UPDATE package_request SET state = 'FAILED', outcome = ?, updated_at = ? WHERE request_id = ?", reason, now(),
                    request.id());
            trail.append(c, instanceId, AuditEvent.ADMIN_ACTION, request.packageSha256(), request.kind() + " request " + request.id()
                    + " of " + request.requestedBy() + " failed: " + reason);
            return null;
        });
        LOG.warn("{} request {} of {} for package {} failed: {}", request.kind(), request.id(), request.requestedBy(), request.shortSha(),
                reason);
    }

    public List<PackageRequest> ofPackage(String sha256) throws SQLException {
        return db.inTransaction(c -> ofPackage(c, sha256));
    }

    private static List<PackageRequest> select(Connection c, String where, Object... values) throws SQLException {
        List<PackageRequest> requests = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM package_request" + where)) {
            Sql.bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    requests.add(new PackageRequest(rs.getString(1), rs.getString(2), Kind.valueOf(rs.getString(3)), rs.getString(4),
                            State.valueOf(rs.getString(5)), rs.getString(6), Sql.instant(rs, 7), rs.getString(8), Sql.instant(rs, 9)));
                }
            }
        }
        return requests;
    }

    private Instant now() {
        return Sql.micros(clock.instant());
    }
}
