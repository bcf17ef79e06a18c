package org.dragongate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.dragongate.store.DeliveryStore.Claim;
import org.dragongate.store.DeliveryStore.State;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Claims, leases and the outcome of attempts, on each database: one instance at a time per delivery, and nothing stuck when one dies. */
class DeliveryStoreTest {
    private static final String CN = "CN-GACC";
    private static final String ENV = "VN-ENV-POLICE";
    private static final String KEY = "CN-GACC.N-1.v1__VN-ENV-POLICE";
    private static final Duration LEASE = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    private final FakeTime time = new FakeTime();

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aClaimHoldsTheSealedBytesAndKeepsOtherInstancesOff(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", "c1".repeat(32), ENV);
            DeliveryStore deliveries = store.deliveries();

            List<Claim> claims = deliveries.claimDue("gw-1", time.instant(), LEASE, 10);

            assertThat(claims).singleElement().satisfies(claim -> {
                assertThat(claim.deliveryKey()).isEqualTo(KEY);
                assertThat(claim.noticeId()).isEqualTo("CN-GACC.N-1.v1");
                assertThat(claim.contactPointId()).isEqualTo(ENV);
                assertThat(claim.sealed()).isEqualTo(TrackingStore.sealed("N-1->" + ENV));
                assertThat(claim.attempts()).isZero();
                assertThat(claim.firstAttemptAt()).isNull();
                assertThat(claim.claimedBy()).isEqualTo("gw-1");
                assertThat(claim.claimedUntil()).isEqualTo(time.instant().plus(LEASE));
            });
            assertThat(deliveries.claimDue("gw-2", time.instant(), LEASE, 10)).isEmpty();
            assertThat(deliveries.claimDue("gw-1", time.instant(), LEASE, 10)).as("not even its own holder claims it twice").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aDeliveredClaimIsRecordedOnceAndNeverDueAgain(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", "c1".repeat(32), ENV);
            DeliveryStore deliveries = store.deliveries();
            Claim claim = deliveries.claimDue("gw-1", time.instant(), LEASE, 10).get(0);

            assertThat(deliveries.delivered(claim, time.instant(), "HTTP 201")).isTrue();
            assertThat(deliveries.delivered(claim, time.instant(), "HTTP 201")).as("the claim is spent").isFalse();

            assertThat(deliveries.state(KEY)).contains(State.DELIVERED);
            assertThat(store.attempts(KEY)).isOne();
            time.sleep(Duration.ofDays(3));
            assertThat(deliveries.claimDue("gw-1", time.instant(), LEASE, 10)).isEmpty();
            assertThat(store.events(KEY)).containsExactly("QUEUED [gw-test]", "DELIVERED [gw-1]");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aRetryIsNotDueBeforeItsTimeAndThenCarriesItsAttempts(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", "c1".repeat(32), ENV);
            DeliveryStore deliveries = store.deliveries();
            Instant first = time.instant();
            Claim claim = deliveries.claimDue("gw-1", first, LEASE, 10).get(0);

            assertThat(deliveries.retry(claim, first, first.plusSeconds(30), "HTTP 503")).isTrue();

            time.sleep(Duration.ofSeconds(29));
            assertThat(deliveries.claimDue("gw-1", time.instant(), LEASE, 10)).isEmpty();
            time.sleep(Duration.ofSeconds(1));
            assertThat(deliveries.claimDue("gw-2", time.instant(), LEASE, 10)).singleElement().satisfies(again -> {
                assertThat(again.attempts()).isOne();
                assertThat(again.firstAttemptAt()).isEqualTo(first);
            });
            assertThat(store.audit()).last().asString().startsWith("RETRIED " + KEY).contains("HTTP 503");
        }
    }

    /** An instance that dies holding a claim: once the lease lapses another takes over, and the late one cannot record over it. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aLapsedClaimIsTakenOverAndItsFormerHolderRecordsNothing(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", "c1".repeat(32), ENV);
            DeliveryStore deliveries = store.deliveries();
            Claim stale = deliveries.claimDue("gw-1", time.instant(), LEASE, 10).get(0);

            time.sleep(LEASE);
            assertThat(deliveries.claimDue("gw-2", time.instant(), LEASE, 10)).as("not lapsed until after its end").isEmpty();
            time.sleep(Duration.ofSeconds(1));
            Claim taken = deliveries.claimDue("gw-2", time.instant(), LEASE, 10).get(0);

            assertThat(taken.claimedBy()).isEqualTo("gw-2");
            assertThat(deliveries.delivered(stale, time.instant(), "HTTP 200")).isFalse();
            assertThat(deliveries.state(KEY)).contains(State.QUEUED);
            assertThat(deliveries.dead(taken, time.instant(), "rejected for good: HTTP 404")).isTrue();
            assertThat(store.events(KEY)).containsExactly("QUEUED [gw-test]", "DEAD_LETTERED [gw-2]");
        }
    }

    /** An instance restarted after a crash gives up the claims of its earlier run at once, instead of waiting for their lease. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aRestartedInstanceReleasesTheClaimsItsEarlierRunLeft(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", "c1".repeat(32), ENV);
            DeliveryStore deliveries = store.deliveries();
            deliveries.claimDue("gw-1", time.instant(), LEASE, 10);

            assertThat(deliveries.releaseClaimsOf("gw-2")).as("another instance's claims are not touched").isZero();
            assertThat(deliveries.claimDue("gw-2", time.instant(), LEASE, 10)).isEmpty();
            assertThat(deliveries.releaseClaimsOf("gw-1")).isEqualTo(1);

            assertThat(deliveries.claimDue("gw-1", time.instant(), LEASE, 10)).singleElement()
                    .satisfies(claim -> assertThat(claim.deliveryKey()).isEqualTo(KEY));
        }
    }

    /** Two workers claiming from the same store at once: every due delivery goes to exactly one of them. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void twoWorkersNeverClaimTheSameDelivery(String kind) throws Exception {
        var settings = TestDatabases.settings(kind, temp);
        try (Database first = Database.open(settings); Database second = Database.open(settings)) {
            TrackingStore store = new TrackingStore(first, time);
            for (int i = 0; i < 30; i++) {
                store.queue(CN, "N-" + i, "c1".repeat(32), ENV, "RILO-AP");
            }
            CyclicBarrier start = new CyclicBarrier(2);
            List<Callable<List<String>>> workers = new ArrayList<>();
            for (Database db : List.of(first, second)) {
                DeliveryStore deliveries = new DeliveryStore(db, new AuditTrail(time), time);
                String instance = "gw-" + workers.size();
                workers.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<String> won = new ArrayList<>();
                    for (List<Claim> batch = deliveries.claimDue(instance, time.instant(), LEASE, 7); !batch.isEmpty();
                         batch = deliveries.claimDue(instance, time.instant(), LEASE, 7)) {
                        batch.forEach(claim -> won.add(claim.deliveryKey()));
                    }
                    return won;
                });
            }

            List<List<String>> won = PackageRecordsTest.runTogether(workers);

            Set<String> all = new HashSet<>(won.get(0));
            all.addAll(won.get(1));
            assertThat(won.get(0).size() + won.get(1).size()).as("no delivery claimed twice").isEqualTo(all.size());
            assertThat(all).hasSize(60);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aDeadDeliveryIsListedAndARedriveQueuesItAgainWithItsAttemptsReset(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", "c1".repeat(32), ENV);
            DeliveryStore deliveries = store.deliveries();
            Instant attempted = time.instant();
            deliveries.dead(deliveries.claimDue("gw-1", attempted, LEASE, 10).get(0), attempted, "rejected for good: HTTP 400");
            time.sleep(Duration.ofHours(2));

            assertThat(deliveries.listDead()).singleElement().satisfies(dead -> {
                assertThat(dead.deliveryKey()).isEqualTo(KEY);
                assertThat(dead.noticeId()).isEqualTo("CN-GACC.N-1.v1");
                assertThat(dead.contactPointId()).isEqualTo(ENV);
                assertThat(dead.attempts()).isOne();
                assertThat(dead.lastOutcome()).isEqualTo("rejected for good: HTTP 400");
                assertThat(dead.lastAttemptAt()).isEqualTo(attempted);
            });
            assertThat(deliveries.claimDue("gw-1", time.instant(), LEASE, 10)).isEmpty();

            assertThat(deliveries.redrive(KEY, "admin alice@host")).isTrue();

            assertThat(deliveries.listDead()).isEmpty();
            assertThat(deliveries.redrive(KEY, "admin alice@host")).as("only a dead delivery is re-driven").isFalse();
            assertThat(deliveries.redrive("no-such-key", "admin alice@host")).isFalse();
            assertThat(deliveries.claimDue("gw-1", time.instant(), LEASE, 10)).singleElement().satisfies(claim -> {
                assertThat(claim.attempts()).isZero();
                assertThat(claim.firstAttemptAt()).as("a fresh retry window").isNull();
                assertThat(claim.sealed()).isEqualTo(TrackingStore.sealed("N-1->" + ENV));
            });
            assertThat(store.events(KEY)).containsExactly("QUEUED [gw-test]", "DEAD_LETTERED [gw-1]", "REDRIVEN [admin alice@host]");
        }
    }
}
