package org.dragongate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.dragongate.store.AuditTrail.AuditRecord;

/**
 * Reads the audit trail back: checks that its hash chain is whole ({@link #verify()}) and finds the
 * records about a package, notice or delivery.
 *
 * <p>Verification streams the trail in order, so memory stays flat however long it grows, and it
 * reads while gateways keep appending: it takes the head first, and every record up to that head
 * was committed together with it.
 */
public final class AuditChain {
    /** Rows per round trip while streaming; the trail is never loaded whole. */
    static final int FETCH_SIZE = 500;
    /** Further readings of the trail's end when it stops short of the head, after 5, 10, 20 and 40 ms. */
    private static final int TAIL_LOOKS = 4;
    private static final long TAIL_WAIT_MILLIS = 5;
    /** Subjects per query when reading several: one IN list stays well under any driver's limits. */
    private static final int SUBJECTS_PER_QUERY = 100;
    private static final String COLUMNS = "seq, recorded_at, actor, event, subject, detail, prev_hash, hash";

    private final Database database;

    public AuditChain(Database database) {
        this.database = database;
    }

    /**
     * The result of a verification: the records found whole (all of them when intact) and the hash of
     * the last of those, and the first broken link, or null when the chain is intact.
     */
    public record Verification(long records, String headHash, BrokenLink brokenLink) {
        public boolean intact() {
            return brokenLink == null;
        }
    }

    /** Where the chain breaks first, and what a person should conclude from it. */
    public record BrokenLink(long seq, String problem) {
        @Override
        public String toString() {
            return "record " + seq + ": " + problem;
        }
    }

    /**
     * Checks every record and the head; stops at the first broken link. A break is checked a second
     * time before it is reported: the head and the trail are read by two statements, and under read
     * committed an append that commits between them can make them disagree for a moment (seen on H2).
     * A record really changed, removed or added stays broken on the second reading. A trail that ends
     * short of its head is read on from its end a few times first (see {@link #TAIL_LOOKS}): one
     * second reading was not always enough on a busy machine.
     */
    public Verification verify() throws SQLException {
        Verification first = verifyOnce();
        return first.intact() ? first : verifyOnce();
    }

    private Verification verifyOnce() throws SQLException {
        return database.inTransaction(connection -> {
            Head head = head(connection);
            if (head == null) {
                return broken(1, "the chain's head row is missing (deleted)");
            }
            Walk walk = new Walk(head);
            BrokenLink broken = walkOn(connection, walk);
            // The head may promise records this reading did not see yet: H2 can show a commit's head row a moment
            // before its audit row (they are in different maps). Those are read again from where the walk stopped,
            // after a short wait, before they are called missing; a record really removed never turns up.
            for (int look = 0; broken == null && walk.checked < head.seq && look < TAIL_LOOKS; look++) {
                sleep(TAIL_WAIT_MILLIS << look);
                broken = walkOn(connection, walk);
            }
            if (broken != null) {
                return new Verification(walk.checked, walk.lastHash, broken);
            }
            broken = walk.end(() -> head(connection));
            if (broken != null && walk.checked > head.seq) {
                // What is whole is the trail up to the head; what comes after it is the break.
                return new Verification(head.seq, head.hash, broken);
            }
            return new Verification(walk.checked, walk.lastHash, broken);
        });
    }

    /** Streams the records after the last one the walk checked, in order; the first broken link, or null. */
    private static BrokenLink walkOn(Connection connection, Walk walk) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM audit WHERE seq > ? ORDER BY seq", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            query.setLong(1, walk.checked);
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    BrokenLink broken = walk.step(record(rs));
                    if (broken != null) {
                        return broken;
                    }
                }
            }
        }
        return null;
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while verifying the audit trail", e);
        }
    }

    /** Every record about one of these subjects (package sha256, notice id, delivery key), oldest first. */
    public List<AuditRecord> forSubjects(Collection<String> subjects) throws SQLException {
        return database.inTransaction(connection -> forSubjects(connection, subjects));
    }

    /** As {@link #forSubjects(Collection)}, on a connection the caller already holds. */
    static List<AuditRecord> forSubjects(Connection connection, Collection<String> subjects) throws SQLException {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(subjects));
        List<AuditRecord> records = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += SUBJECTS_PER_QUERY) {
            List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + SUBJECTS_PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit WHERE subject IN (" + marks + ")")) {
                for (int i = 0; i < batch.size(); i++) {
                    query.setString(i + 1, batch.get(i));
                }
                readAll(query, records);
            }
        }
        records.sort(Comparator.comparingLong(AuditRecord::seq));
        return records;
    }

    /** The most recent records, at most {@code limit}, oldest of them first. */
    public List<AuditRecord> latest(int limit) throws SQLException {
        return latest(null, limit);
    }

    /** The most recent records about one subject (all subjects when null), at most {@code limit}, oldest first. */
    public List<AuditRecord> latest(String subject, int limit) throws SQLException {
        String where = subject == null ? "" : " WHERE subject = ?";
        List<AuditRecord> records = database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit" + where + " ORDER BY seq DESC FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY")) {
                if (subject != null) {
                    query.setString(1, subject);
                }
                List<AuditRecord> newestFirst = new ArrayList<>();
                readAll(query, newestFirst);
                return newestFirst;
            }
        });
        records.sort(Comparator.comparingLong(AuditRecord::seq));
        return records;
    }

    /** Follows the chain record by record, remembering only the last link. */
    private static final class Walk {
        private final Head head;
        private long checked;
        private String lastHash = AuditTrail.GENESIS;

        Walk(Head head) {
            this.head = head;
        }

        BrokenLink step(AuditRecord record) {
            long expected = checked + 1;
            if (record.seq() != expected) {
                return new BrokenLink(record.seq(), (checked == 0 ? "is the first record" : "follows record " + checked)
                        + " (" + missing(expected, record.seq() - 1) + ")");
            }
            if (!record.hash().equals(record.expectedHash())) {
                return new BrokenLink(record.seq(), "stored hash does not match its content (changed after it was written)");
            }
            if (!record.prevHash().equals(lastHash)) {
                return new BrokenLink(record.seq(), checked == 0
                        ? "does not start from the chain's origin (its link to a predecessor was changed)"
                        : "its link does not match record " + checked
                                + " (record " + checked + " was rewritten with a new hash, or this link was changed)");
            }
            if (record.seq() == head.seq && !record.hash().equals(head.hash)) {
                return new BrokenLink(record.seq(), "is not the record the head points to (the end of the trail was replaced)");
            }
            checked = record.seq();
            lastHash = record.hash();
            return null;
        }

        /**
         * Checks the end of the trail against the head. Records past the head read at the start are
         * appends made meanwhile, unless the head, read again, still does not cover them.
         */
        BrokenLink end(HeadReader reread) throws SQLException {
            if (checked < head.seq) {
                String trailEnd = checked == 0 ? "the trail is empty" : "the trail ends at " + checked;
                return new BrokenLink(checked + 1, "head says " + head.seq + " records but " + trailEnd
                        + " (records removed from the end)");
            }
            if (checked > head.seq) {
                Head now = reread.read();
                if (now == null || checked > now.seq) {
                    return new BrokenLink(head.seq + 1, "the trail goes on to record " + checked + " past its head at "
                            + head.seq + " (records added without going through the chain's head)");
                }
            }
            return null;
        }

        private static String missing(long from, long to) {
            return from == to ? "record " + from + " missing" : "records " + from + " to " + to + " missing";
        }
    }

    @FunctionalInterface
    private interface HeadReader {
        Head read() throws SQLException;
    }

    private record Head(long seq, String hash) {
    }

    private static Head head(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
             ResultSet rs = query.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null;
        }
    }

    private static Verification broken(long seq, String problem) {
        return new Verification(0, AuditTrail.GENESIS, new BrokenLink(seq, problem));
    }

    private static void readAll(PreparedStatement query, List<AuditRecord> into) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                into.add(record(rs));
            }
        }
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong(1), Rows.instant(rs, 2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
    }
}
