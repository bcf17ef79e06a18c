package org.dragongate.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dragongate.store.RequestRefused.Problem;

/**
 * Packages whose processing failed on every attempt (a disk, a database, a bug; never a refusal),
 * as administrators see them: listed with the last error, and re-driven through the flow once the
 * trouble is over. A re-drive is a request the gateway takes ({@link PackageRequests}); it is
 * audited with who asked.
 */
public final class FailedPackages {
    private static final int MIN_PREFIX = 8;

    /**
     * A failed package.
     *
     * @param attempts  how many attempts the broker made, as the last one said; null if unknown
     * @param lastError the last attempt's exception type and short message
     * @param redrive   the re-drive waiting for the gateway, or null
     */
    public record FailedPackage(String sha256, long size, String channel, String claimedPartner, String origin, Instant receivedAt,
                                Integer attempts, String lastError, Instant failedAt, PackageRequests.PackageRequest redrive) {
    }

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;

    public FailedPackages(Database db, AuditTrail trail, Clock clock) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
    }

    /** Every failed package, longest failed first. */
    public List<FailedPackage> list() throws SQLException {
        return db.inTransaction(c -> {
            List<FailedPackage> failed = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT sha256, size_bytes, channel, claimed_partner, origin, received_at,"
                    + " failed_attempts, last_error, updated_at FROM package WHERE state = 'FAILED' ORDER BY updated_at, sha256");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    failed.add(new FailedPackage(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Sql.instant(rs, 6), (Integer) rs.getObject(7), rs.getString(8), Sql.instant(rs, 9), null));
                }
            }
            List<FailedPackage> withRequests = new ArrayList<>();
            for (FailedPackage f : failed) {
                withRequests.add(new FailedPackage(f.sha256(), f.size(), f.channel(), f.claimedPartner(), f.origin(), f.receivedAt(),
                        f.attempts(), f.lastError(), f.failedAt(), PackageRequests.pendingFor(c, f.sha256())));
            }
            return withRequests;
        });
    }

    /**
     * Asks the gateway to put a failed package through the flow again.
     *
     * @param id the package's SHA-256, or a prefix of at least 8 hex digits naming one failed package
     * @throws RequestRefused UNKNOWN, AMBIGUOUS, NOT_ELIGIBLE (not failed), ALREADY_REQUESTED, INVALID_INPUT
     */
    public PackageRequests.PackageRequest redrive(String id, String actor) throws SQLException {
        String prefix = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        if (!prefix.matches("[0-9a-f]{" + MIN_PREFIX + ",64}")) {
            throw new RequestRefused(Problem.INVALID_INPUT, "'" + id + "' is not a package SHA-256 or a prefix of at least " + MIN_PREFIX
                    + " hex digits ('failed list' shows them)");
        }
        return db.inTransaction(c -> {
            List<String[]> found = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT sha256, state FROM package WHERE sha256 LIKE ? ORDER BY sha256")) {
                select.setString(1, prefix + "%");
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            if (found.isEmpty()) {
                throw new RequestRefused(Problem.UNKNOWN, "no package " + prefix + " was taken in ('failed list' shows the failed ones)");
            }
            if (found.size() > 1) {
                throw new RequestRefused(Problem.AMBIGUOUS, "several packages start with " + prefix + "; give more of the SHA-256");
            }
            String sha256 = found.get(0)[0];
            if (!PackageRecords.State.FAILED.name().equals(found.get(0)[1])) {
                throw new RequestRefused(Problem.NOT_ELIGIBLE, "package " + sha256.substring(0, 12) + " is " + found.get(0)[1]
                        + ", not FAILED; only failed packages are re-driven (a quarantined one is reprocessed: 'quarantine reprocess')");
            }
            Instant now = Sql.micros(clock.instant());
            PackageRequests.PackageRequest request = PackageRequests.add(c, sha256, PackageRequests.Kind.REDRIVE, null, actor, now);
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, sha256, "re-drive of failed package requested: request " + request.id());
            return request;
        });
    }
}
