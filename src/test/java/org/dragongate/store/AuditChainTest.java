package org.dragongate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.dragongate.store.AuditChain.Verification;
import org.dragongate.store.AuditTrail.AuditRecord;
import org.dragongate.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chain as {@code audit verify} checks it: whole when untouched, broken exactly where it was touched. */
class AuditChainTest {
    private static final int RECORDS = 30;

    @TempDir
    Path temp;

    private final AuditTrail trail = new AuditTrail(Clock.systemUTC());

    static Iterable<String> databases() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChainAppendedRecordByRecordIsIntact(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            List<AuditRecord> appended = appendRecords(db, RECORDS);

            Verification result = new AuditChain(db).verify();

            assertThat(result.intact()).isTrue();
            assertThat(result.records()).isEqualTo(RECORDS);
            assertThat(result.headHash()).isEqualTo(appended.get(RECORDS - 1).hash());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEmptyTrailIsIntactAtTheGenesis(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            Verification result = new AuditChain(db).verify();

            assertThat(result.intact()).isTrue();
            assertThat(result.records()).isZero();
            assertThat(result.headHash()).isEqualTo(AuditTrail.GENESIS);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aChangedDetailBreaksTheChainAtThatRecord(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            appendRecords(db, RECORDS);
            sql(db, "UPDATE audit SET detail = 'nothing happened here' WHERE seq = 17");

            Verification result = new AuditChain(db).verify();

            assertThat(result.intact()).isFalse();
            assertThat(result.brokenLink().seq()).isEqualTo(17);
            assertThat(result.brokenLink()).hasToString("record 17: stored hash does not match its content (changed after it was written)");
            assertThat(result.records()).isEqualTo(16);
        }
    }

    /** A forger who also recomputes the changed record's hash is caught by the next record's link. */
    @ParameterizedTest
    @MethodSource("databases")
    void aRecordRewrittenWithItsHashRecomputedBreaksTheNextLink(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            List<AuditRecord> appended = appendRecords(db, RECORDS);
            AuditRecord original = appended.get(16);
            String forged = AuditRecord.hashOf(17, original.recordedAt(), original.actor(), original.event(), original.subject(),
                    "nothing happened here", original.prevHash());
            sql(db, "UPDATE audit SET detail = 'nothing happened here', hash = '" + forged + "' WHERE seq = 17");

            Verification result = new AuditChain(db).verify();

            assertThat(result.brokenLink().seq()).isEqualTo(18);
            assertThat(result.brokenLink().problem()).startsWith("its link does not match record 17");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeletedRecordBreaksTheChainAtTheNext(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            appendRecords(db, RECORDS);
            sql(db, "DELETE FROM audit WHERE seq = 17");

            Verification result = new AuditChain(db).verify();

            assertThat(result.brokenLink().seq()).isEqualTo(18);
            assertThat(result.brokenLink()).hasToString("record 18: follows record 16 (record 17 missing)");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletedFirstRecordsAreNamed(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            appendRecords(db, RECORDS);
            sql(db, "DELETE FROM audit WHERE seq <= 2");

            Verification result = new AuditChain(db).verify();

            assertThat(result.brokenLink()).hasToString("record 3: is the first record (records 1 to 2 missing)");
        }
    }

    /** Every remaining record is whole; only the head remembers that the trail was longer. */
    @ParameterizedTest
    @MethodSource("databases")
    void aDeletedLastRecordIsCaughtByTheHead(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            appendRecords(db, RECORDS);
            sql(db, "DELETE FROM audit WHERE seq = " + RECORDS);

            Verification result = new AuditChain(db).verify();

            assertThat(result.brokenLink().seq()).isEqualTo(RECORDS);
            assertThat(result.brokenLink().problem())
                    .isEqualTo("head says 30 records but the trail ends at 29 (records removed from the end)");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLastRecordReplacedByAWellChainedForgeryIsCaughtByTheHead(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            List<AuditRecord> appended = appendRecords(db, RECORDS);
            AuditRecord last = appended.get(RECORDS - 1);
            sql(db, "DELETE FROM audit WHERE seq = " + RECORDS);
            insert(db, AuditRecord.chained(RECORDS, last.recordedAt(), last.actor(), last.event(), last.subject(), "forged",
                    last.prevHash()));

            Verification result = new AuditChain(db).verify();

            assertThat(result.brokenLink().seq()).isEqualTo(RECORDS);
            assertThat(result.brokenLink().problem()).contains("the end of the trail was replaced");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRecordAddedPastTheHeadIsCaught(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            List<AuditRecord> appended = appendRecords(db, RECORDS);
            AuditRecord last = appended.get(RECORDS - 1);
            insert(db, AuditRecord.chained(RECORDS + 1, last.recordedAt(), "intruder", "ADMIN_ACTION", "x", "slipped in", last.hash()));

            Verification result = new AuditChain(db).verify();

            assertThat(result.brokenLink().seq()).isEqualTo(RECORDS + 1);
            assertThat(result.brokenLink().problem()).contains("past its head");
            assertThat(result.records()).isEqualTo(RECORDS);
            assertThat(result.headHash()).isEqualTo(last.hash());
        }
    }

    /** Two instances (two pools) appending at once extend one chain: no gap, no fork, no lost record. */
    @ParameterizedTest
    @MethodSource("databases")
    void concurrentAppendersFromTwoPoolsFormOneIntactChain(String kind) throws Exception {
        DatabaseSettings settings = TestDatabases.settings(kind, temp);
        int threadsPerPool = 4;
        int perThread = 50;
        try (Database first = Database.open(settings); Database second = Database.open(settings)) {
            ExecutorService threads = Executors.newFixedThreadPool(2 * threadsPerPool);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (Database db : List.of(first, second)) {
                    for (int t = 0; t < threadsPerPool; t++) {
                        String actor = (db == first ? "gw-1" : "gw-2") + "-t" + t;
                        running.add(threads.submit(() -> {
                            for (int i = 0; i < perThread; i++) {
                                int n = i;
                                db.inTransaction(c -> trail.append(c, actor, AuditEvent.RECEIVED, "pkg-" + n, "appended by " + actor));
                            }
                            return null;
                        }));
                    }
                }
                for (Future<?> future : running) {
                    future.get();
                }
            } finally {
                threads.shutdown();
            }

            Verification result = new AuditChain(second).verify();

            int total = 2 * threadsPerPool * perThread;
            assertThat(result.intact()).as("%s", result.brokenLink()).isTrue();
            assertThat(result.records()).isEqualTo(total);
            List<Long> seqs = first.inTransaction(c -> {
                List<Long> all = new ArrayList<>();
                var rs = c.createStatement().executeQuery("SELECT seq FROM audit ORDER BY seq");
                while (rs.next()) {
                    all.add(rs.getLong(1));
                }
                return all;
            });
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        }
    }

    /** Verifying while the gateway keeps appending must not report records that were added meanwhile as a break. */
    @ParameterizedTest
    @MethodSource("databases")
    void verifyingWhileRecordsAreAppendedFindsTheChainIntact(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, temp)) {
            appendRecords(db, RECORDS);
            ExecutorService appender = Executors.newSingleThreadExecutor();
            try {
                Future<List<AuditRecord>> appending = appender.submit(() -> appendRecords(db, 300));
                AuditChain chain = new AuditChain(db);
                List<Verification> results = new ArrayList<>();
                while (!appending.isDone()) {
                    results.add(chain.verify());
                }
                appending.get();
                results.add(chain.verify());

                assertThat(results).allSatisfy(result -> assertThat(result.brokenLink()).isNull());
                assertThat(results.get(results.size() - 1).records()).isEqualTo(RECORDS + 300);
            } finally {
                appender.shutdown();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void readsTheRecordsAboutGivenSubjectsInOrder(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            appendRecords(db, RECORDS);
            AuditChain chain = new AuditChain(db);

            assertThat(chain.forSubjects(List.of("subject-2", "subject-0", "subject-2")))
                    .extracting(AuditRecord::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, RECORDS).filter(n -> n % 3 != 1).boxed().toList());
            assertThat(chain.forSubjects(List.of())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void readsTheMostRecentRecordsOldestFirst(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            appendRecords(db, RECORDS);
            AuditChain chain = new AuditChain(db);

            assertThat(chain.latest(3)).extracting(AuditRecord::seq).containsExactly(28L, 29L, 30L);
            assertThat(chain.latest("subject-1", 2)).extracting(AuditRecord::seq).containsExactly(25L, 28L);
            assertThat(chain.latest("nobody", 5)).isEmpty();
        }
    }

    /** Records are appended one transaction each; subjects cycle subject-1, subject-2, subject-0, ... */
    private List<AuditRecord> appendRecords(Database db, int count) throws SQLException {
        List<AuditRecord> appended = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int n = i;
            appended.add(db.inTransaction(c -> trail.append(c, "gw-test", AuditEvent.values()[n % AuditEvent.values().length],
                    "subject-" + (n % 3), "record number " + n)));
        }
        return appended;
    }

    private static void sql(Database db, String statement) throws SQLException {
        db.inTransaction(c -> c.createStatement().executeUpdate(statement));
    }

    /** Inserts a record directly, as someone with write access to the table could, leaving the head alone. */
    private static void insert(Database db, AuditRecord record) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO audit (seq, recorded_at, actor, event, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, record.seq());
                insert.setObject(2, OffsetDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC));
                insert.setString(3, record.actor());
                insert.setString(4, record.event());
                insert.setString(5, record.subject());
                insert.setString(6, record.detail());
                insert.setString(7, record.prevHash());
                insert.setString(8, record.hash());
                return insert.executeUpdate();
            }
        });
    }
}
