package org.dragongate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dragongate.store.PackageRecords.Arrival;
import org.dragongate.store.PackageRecords.Intake;
import org.dragongate.store.PackageRecords.State;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A package's tracking record, on each database: what a second arrival of the same bytes is, and what every change leaves on the audit trail. */
class PackageRecordsTest {
    private static final String CN = "CN-GACC";

    @TempDir
    Path temp;

    private final FakeTime time = new FakeTime();

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void firstArrivalIsNewAndRecordedAsReceived(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            String sha = TrackingStore.randomSha256();

            assertThat(records(store).received(arrival(sha))).isEqualTo(Intake.NEW);

            assertThat(records(store).state(sha)).contains(State.RECEIVED);
            assertThat(store.events(sha)).containsExactly("RECEIVED [gw-1]");
        }
    }

    /** An attempt that died before the flow finished must not turn the package into a duplicate: it is taken again. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void sameBytesBeforeTheFlowFinishedAreARetake(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            String sha = TrackingStore.randomSha256();
            records(store).received(arrival(sha));

            assertThat(records(store).received(arrival(sha))).isEqualTo(Intake.RETAKE);

            assertThat(store.count("SELECT COUNT(*) FROM package WHERE sha256 = ?", sha)).isOne();
            assertThat(store.events(sha)).containsExactly("RECEIVED [gw-1]", "RECEIVED [gw-1]");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void sameBytesAfterTheyWereAcceptedAreADuplicate(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            String sha = TrackingStore.randomSha256();
            records(store).received(arrival(sha));
            records(store).opened(sha, CN, "CN=CN-GACC Signer", "1f");
            records(store).accepted(sha);

            assertThat(records(store).received(arrival(sha))).isEqualTo(Intake.DUPLICATE);

            assertThat(records(store).state(sha)).contains(State.ACCEPTED);
            assertThat(store.events(sha)).containsExactly("RECEIVED [gw-1]", "OPENED [gw-1]", "ACCEPTED [gw-1]", "DUPLICATE [gw-1]");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void sameBytesAfterTheyWereQuarantinedAreADuplicate(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            String sha = TrackingStore.randomSha256();
            records(store).received(arrival(sha));
            records(store).quarantined(sha, "Q-20250301-080000-" + sha.substring(0, 12), "DECRYPTION_FAILED", "cannot decrypt");

            assertThat(records(store).received(arrival(sha))).isEqualTo(Intake.DUPLICATE);
            assertThat(records(store).state(sha)).contains(State.QUARANTINED);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void openedRecordsTheVerifiedPartnerAndSigner(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            String sha = TrackingStore.randomSha256();
            records(store).received(arrival(sha));

            records(store).opened(sha, CN, "CN=CN-GACC Signer,O=GACC", "12d950216ddde9e3");

            assertThat(store.count("SELECT COUNT(*) FROM package WHERE sha256 = ? AND partner_id = ? AND signer_subject = ? AND signer_serial = ?",
                    sha, CN, "CN=CN-GACC Signer,O=GACC", "12d950216ddde9e3")).isOne();
            assertThat(store.audit()).last().asString().contains("OPENED " + sha).contains("serial 12d950216ddde9e3");
        }
    }

    /** The message may quote notice fields (intelligence): it stays in the quarantine row, the trail gets the code. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void quarantineKeepsTheMessageInItsRowAndOffTheAuditTrail(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            String sha = TrackingStore.randomSha256();
            records(store).received(arrival(sha));
            String id = "Q-20250301-080000-" + sha.substring(0, 12);

            records(store).quarantined(sha, id, "INVALID_NOTICE", "container MSCU1234567 fails its check digit");

            assertThat(store.count("SELECT COUNT(*) FROM quarantine WHERE quarantine_id = ? AND package_sha256 = ? AND reason_code = ? "
                    + "AND state = 'OPEN' AND message LIKE '%MSCU1234567%'", id, sha, "INVALID_NOTICE")).isOne();
            assertThat(store.count("SELECT COUNT(*) FROM package WHERE sha256 = ? AND reason_code = 'INVALID_NOTICE'", sha)).isOne();
            assertThat(store.audit()).last().asString().startsWith("REFUSED " + sha).contains("INVALID_NOTICE").contains(id)
                    .doesNotContain("MSCU1234567");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aChangeToAPackageNeverTakenInFails(String kind) {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            assertThatThrownBy(() -> records(store).opened(TrackingStore.randomSha256(), CN, "CN=x", "1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("never taken in");
        }
    }

    /** Two instances polling the same inbox may take the same bytes at once: one row, one NEW, and the chain stays one chain. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void twoInstancesTakingTheSameBytesAtOnceMakeOneRecord(String kind) throws Exception {
        var settings = TestDatabases.settings(kind, temp);
        try (Database first = Database.open(settings); Database second = Database.open(settings)) {
            for (int round = 0; round < 5; round++) {
                String sha = TrackingStore.randomSha256();
                CyclicBarrier start = new CyclicBarrier(2);
                List<Callable<Intake>> instances = new ArrayList<>();
                for (Database db : List.of(first, second)) {
                    PackageRecords records = new PackageRecords(db, new AuditTrail(time), time, "gw-" + instances.size());
                    instances.add(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return records.received(arrival(sha));
                    });
                }
                List<Intake> results = runTogether(instances);

                assertThat(results).containsExactlyInAnyOrder(Intake.NEW, Intake.RETAKE);
                assertThat(new TrackingStore(first, time).count("SELECT COUNT(*) FROM package WHERE sha256 = ?", sha)).isOne();
            }
            assertThat(new TrackingStore(first, time).auditChainIntact()).isTrue();
        }
    }

    static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private PackageRecords records(TrackingStore store) {
        return store.packages("gw-1");
    }

    private Arrival arrival(String sha) {
        return new Arrival(sha, 1234, "sftp", CN, CN + "/alert.p7m", "CMS", time.instant());
    }
}
