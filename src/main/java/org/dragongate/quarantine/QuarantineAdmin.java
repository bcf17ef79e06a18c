package org.dragongate.quarantine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dragongate.files.Folders;
import org.dragongate.intake.PackageArchive;
import org.dragongate.store.AuditEvent;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.PackageRecords;
import org.dragongate.store.PackageRequests;
import org.dragongate.store.RequestRefused;
import org.dragongate.store.RequestRefused.Problem;
import org.dragongate.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What administrators do with refused packages: list and show the entries (from the database, which
 * every instance shares), ask for one to go through the flow again once its cause is fixed, or
 * discard it. Each action is one transaction with its {@link AuditEvent#ADMIN_ACTION} record naming
 * who made it; the command line and the REST API call the same methods.
 *
 * <p>Discarding removes the package's bytes: its quarantine folder and, while the package stays
 * refused, its archive copy (nothing will read it again: a discarded entry cannot be reprocessed).
 * The package row and the audit trail keep its SHA-256, size, channel and times, so the same bytes
 * arriving again are still recognised as a duplicate.
 */
public final class QuarantineAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineAdmin.class);
    private static final String SELECT = "SELECT q.quarantine_id, q.package_sha256, q.reason_code, q.message, q.state, q.quarantined_at,"
            + " q.updated_at, p.channel, p.claimed_partner, p.origin, p.size_bytes, p.received_at, q.discarded_by, q.discard_reason"
            + " FROM quarantine q JOIN package p ON p.sha256 = q.package_sha256";

    /** An entry with what else happened to its package: every quarantine entry of it and every request about it, oldest first. */
    public record Detail(QuarantineRecord entry, List<QuarantineRecord> entries, List<PackageRequests.PackageRequest> requests) {
        public Detail {
            entries = List.copyOf(entries);
            requests = List.copyOf(requests);
        }
    }

    /** A discarded entry, and which of its package's copies were removed. */
    public record Discarded(QuarantineRecord entry, boolean quarantineCopyRemoved, boolean archiveCopyRemoved) {
    }

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;
    private final Path quarantineDir;
    private final PackageArchive archive;

    /**
     * @param quarantineDir the gateway's quarantine folder ({@code <data>/quarantine})
     * @param archive       the gateway's package archive, shared by its instances
     */
    public QuarantineAdmin(Database db, AuditTrail trail, Clock clock, Path quarantineDir, PackageArchive archive) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
        this.quarantineDir = quarantineDir;
        this.archive = archive;
    }

    /** Entries oldest first; discarded ones only when {@code all}. */
    public List<QuarantineRecord> list(boolean all) throws SQLException {
        return db.inTransaction(c -> select(c, (all ? "" : " WHERE q.state <> 'DISCARDED'") + " ORDER BY q.quarantined_at, q.quarantine_id"));
    }

    /** @throws RequestRefused UNKNOWN */
    public Detail show(String id) throws SQLException {
        return db.inTransaction(c -> {
            QuarantineRecord entry = find(c, id);
            return new Detail(entry, select(c, " WHERE q.package_sha256 = ? ORDER BY q.quarantined_at, q.quarantine_id", entry.packageSha256()),
                    PackageRequests.ofPackage(c, entry.packageSha256()));
        });
    }

    /**
     * Asks the gateway to put the entry's package through the flow again, from the archive, once the
     * administrator fixed the cause (imported a certificate, added a routing rule). A gateway instance
     * takes the request at its next poll; refused again, the package gets a new entry with the new reason.
     *
     * @throws RequestRefused UNKNOWN; NOT_ELIGIBLE (discarded, reprocessed already, or the package is no longer refused); ALREADY_REQUESTED
     */
    public PackageRequests.PackageRequest reprocess(String id, String actor) throws SQLException {
        return db.inTransaction(c -> {
            QuarantineRecord entry = find(c, id);
            if (!QuarantineRecord.OPEN.equals(entry.state())) {
                throw new RequestRefused(Problem.NOT_ELIGIBLE, "quarantine entry " + id + " is " + entry.state()
                        + (QuarantineRecord.DISCARDED.equals(entry.state()) ? ": its bytes are gone" : ": 'quarantine show " + id
                        + "' says what became of it"));
            }
            String state = packageState(c, entry.packageSha256());
            if (!PackageRecords.State.QUARANTINED.name().equals(state)) {
                throw new RequestRefused(Problem.NOT_ELIGIBLE, "the package of quarantine entry " + id + " is " + state
                        + " now, no longer refused; there is nothing to reprocess");
            }
            Instant now = Sql.micros(clock.instant());
            PackageRequests.PackageRequest request = PackageRequests.add(c, entry.packageSha256(), PackageRequests.Kind.REPROCESS, id, actor, now);
            Sql.update(c, "UPDATE quarantine SET state = ?, updated_at = ? WHERE quarantine_id = ?", QuarantineRecord.REPROCESSED, now, id);
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, entry.packageSha256(), "reprocess of quarantine entry " + id + " ("
                    + entry.reason() + ") requested: request " + request.id());
            return request;
        });
    }

    /**
     * Marks the entry discarded and removes the package's bytes (see the class comment). Discarding an
     * entry discarded before only tries again to remove bytes left behind.
     *
     * @throws RequestRefused UNKNOWN; INVALID_INPUT (no reason); ALREADY_REQUESTED (a reprocess is waiting for the gateway)
     */
    public Discarded discard(String id, String reason, String actor) throws SQLException, IOException {
        if (reason == null || reason.isBlank()) {
            throw new RequestRefused(Problem.INVALID_INPUT, "discarding needs a reason, for the audit trail");
        }
        record Decision(QuarantineRecord entry, boolean removeArchiveCopy) {
        }
        Decision decision = db.inTransaction(c -> {
            QuarantineRecord entry = find(c, id);
            PackageRequests.PackageRequest pending = PackageRequests.pendingFor(c, entry.packageSha256());
            boolean stillRefused = PackageRecords.State.QUARANTINED.name().equals(packageState(c, entry.packageSha256())) && pending == null;
            if (!QuarantineRecord.DISCARDED.equals(entry.state())) {
                if (pending != null) {
                    throw new RequestRefused(Problem.ALREADY_REQUESTED, "package of quarantine entry " + id + " has " + pending.kind()
                            + " request " + pending.id() + " waiting for the gateway; discard it once that is done");
                }
                Instant now = Sql.micros(clock.instant());
                Sql.update(c, "UPDATE quarantine SET state = ?, discarded_by = ?, discard_reason = ?, updated_at = ? WHERE quarantine_id = ?",
                        QuarantineRecord.DISCARDED, Sql.cut(actor, 128), Sql.cut(reason.strip(), 1000), now, id);
                trail.append(c, actor, AuditEvent.ADMIN_ACTION, entry.packageSha256(), "quarantine entry " + id + " (" + entry.reason()
                        + ") discarded: " + reason.strip() + "; its bytes are removed from quarantine"
                        + (stillRefused ? " and the archive" : " (the archive copy stays: the package is not refused now)"));
                entry = find(c, id);
            }
            return new Decision(entry, stillRefused);
        });
        // After the commit: bytes removed and the entry not marked would be worse than the reverse, which a second discard repairs.
        boolean quarantineCopy = removeFolder(quarantineDir.resolve(id));
        boolean archiveCopy = decision.removeArchiveCopy() && Files.deleteIfExists(archive.pathOf(decision.entry().packageSha256()));
        LOG.info("quarantine entry {} discarded by {}: quarantine copy {}, archive copy {}", id, actor,
                quarantineCopy ? "removed" : "absent", archiveCopy ? "removed" : decision.removeArchiveCopy() ? "absent" : "kept");
        return new Discarded(decision.entry(), quarantineCopy, archiveCopy);
    }

    private static boolean removeFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        Folders.deleteRecursively(folder);
        return true;
    }

    private static QuarantineRecord find(Connection c, String id) throws SQLException {
        List<QuarantineRecord> found = select(c, " WHERE q.quarantine_id = ?", id == null ? "" : id.strip());
        if (found.isEmpty()) {
            throw new RequestRefused(Problem.UNKNOWN, "no quarantine entry " + id + " ('quarantine list --all' shows them)");
        }
        return found.get(0);
    }

    private static String packageState(Connection c, String sha256) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT state FROM package WHERE sha256 = ?")) {
            select.setString(1, sha256);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : "unknown";
            }
        }
    }

    private static List<QuarantineRecord> select(Connection c, String where, Object... values) throws SQLException {
        List<QuarantineRecord> records = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(SELECT + where)) {
            Sql.bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    records.add(new QuarantineRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Sql.instant(rs, 6), Sql.instant(rs, 7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11),
                            Sql.instant(rs, 12), rs.getString(13), rs.getString(14)));
                }
            }
        }
        return records;
    }
}
