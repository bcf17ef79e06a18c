package org.dragongate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.dragongate.store.DeliveryStore.DeliveryStatus;
import org.dragongate.store.DeliveryStore.State;
import org.dragongate.store.NoticeRegistry.IncomingNotice;
import org.dragongate.store.NoticeRegistry.Outcome;
import org.dragongate.store.NoticeRegistry.Registration;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notice registry on each database: a resent notice is recognised by partner, reference and
 * content whatever package brings it, a changed one becomes a new version, and deciding that and
 * queueing the deliveries is one step, even with two instances at it at once.
 */
class NoticeRegistryTest {
    private static final String CN = "CN-GACC";
    private static final String AU = "AU-ABF";
    private static final String ENV = "VN-ENV-POLICE";
    private static final String RILO = "RILO-AP";
    private static final String CONTENT = "c1".repeat(32);
    private static final String CHANGED = "c2".repeat(32);

    @TempDir
    Path temp;

    private final FakeTime time = new FakeTime();

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aNewNoticeIsVersionOneWithOneQueuedDeliveryPerContactPoint(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            Registration registration = store.queue(CN, "N-1", CONTENT, ENV, RILO);

            assertThat(registration.outcome()).isEqualTo(Outcome.NEW);
            assertThat(registration.noticeId()).isEqualTo("CN-GACC.N-1.v1");
            assertThat(registration.version()).isOne();
            assertThat(registration.supersedes()).isNull();
            assertThat(registration.deliveries()).containsExactly(
                    new DeliveryStatus("CN-GACC.N-1.v1__RILO-AP", RILO, State.QUEUED),
                    new DeliveryStatus("CN-GACC.N-1.v1__VN-ENV-POLICE", ENV, State.QUEUED));
            assertThat(store.count("SELECT COUNT(*) FROM delivery WHERE delivery_key = ? AND attempts = 0 AND routing_reason = ? "
                    + "AND next_attempt_at = queued_at", "CN-GACC.N-1.v1__VN-ENV-POLICE", ENV + ": test rule")).isOne();
            assertThat(store.events("CN-GACC.N-1.v1")).containsExactly("CONVERTED [gw-test]", "ROUTED [gw-test]");
            assertThat(store.events("CN-GACC.N-1.v1__VN-ENV-POLICE")).containsExactly("QUEUED [gw-test]");
        }
    }

    /** A partner re-seals and resends: new package bytes, same notice. Nothing is queued again. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theSameContentInAnotherPackageIsADuplicateAndQueuesNothing(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", CONTENT, ENV, RILO);

            Registration again = store.queue(CN, "N-1", CONTENT, ENV, RILO);

            assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(again.noticeId()).isEqualTo("CN-GACC.N-1.v1");
            assertThat(again.deliveries()).extracting(DeliveryStatus::state).containsOnly(State.QUEUED);
            assertThat(store.count("SELECT COUNT(*) FROM delivery")).isEqualTo(2);
            assertThat(store.count("SELECT COUNT(*) FROM notice")).isOne();
            assertThat(store.events("CN-GACC.N-1.v1")).containsExactly("CONVERTED [gw-test]", "ROUTED [gw-test]", "DUPLICATE [gw-test]");
        }
    }

    /** The check before sealing: a known notice is settled (and recorded) without any sealed bytes. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void registerIfKnownSettlesADuplicateAndLeavesNewContentToRegister(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", CONTENT, ENV);
            NoticeRegistry registry = store.registry("gw-1");
            String resend = store.newPackage(CN);

            assertThat(registry.registerIfKnown(new IncomingNotice(resend, 1, CN, "N-1", CONTENT)))
                    .hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(Outcome.DUPLICATE));
            assertThat(registry.registerIfKnown(new IncomingNotice(resend, 2, CN, "N-1", CHANGED))).isEmpty();
            assertThat(registry.registerIfKnown(new IncomingNotice(resend, 3, CN, "N-2", CONTENT))).isEmpty();
            assertThat(store.count("SELECT COUNT(*) FROM notice")).isOne();
            assertThat(store.count("SELECT COUNT(*) FROM package_notice WHERE package_sha256 = ?", resend)).isOne();
        }
    }

    /** A duplicate must not be acknowledged as delivered when the delivery it repeats failed for good. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aDuplicateReportsTheDeliveriesOfTheNoticeItRepeatsAsTheyStand(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", CONTENT, ENV, RILO);
            DeliveryStore deliveries = store.deliveries();
            for (DeliveryStore.Claim claim : deliveries.claimDue("gw-1", time.instant(), Duration.ofMinutes(1), 10)) {
                if (claim.contactPointId().equals(ENV)) {
                    deliveries.dead(claim, time.instant(), "rejected for good: HTTP 400");
                } else {
                    deliveries.delivered(claim, time.instant(), "HTTP 201");
                }
            }

            Registration again = store.queue(CN, "N-1", CONTENT, ENV, RILO);

            assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(again.deliveries()).extracting(DeliveryStatus::contactPointId, DeliveryStatus::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(RILO, State.DELIVERED), org.assertj.core.groups.Tuple.tuple(ENV, State.DEAD));
            assertThat(store.audit()).last().asString().contains("DUPLICATE").contains(ENV + " DEAD").contains(RILO + " DELIVERED");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void otherContentUnderAKnownReferenceIsANewVersionSupersedingTheLatest(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", CONTENT, ENV);
            Registration second = store.queue(CN, "N-1", CHANGED, ENV);

            Registration third = store.queue(CN, "N-1", "c3".repeat(32), ENV, RILO);

            assertThat(second.outcome()).isEqualTo(Outcome.NEW_VERSION);
            assertThat(second.supersedes()).isEqualTo("CN-GACC.N-1.v1");
            assertThat(third.noticeId()).isEqualTo("CN-GACC.N-1.v3");
            assertThat(third.supersedes()).isEqualTo("CN-GACC.N-1.v2");
            assertThat(third.deliveries()).extracting(DeliveryStatus::deliveryKey)
                    .containsExactly("CN-GACC.N-1.v3__RILO-AP", "CN-GACC.N-1.v3__VN-ENV-POLICE");
            assertThat(store.count("SELECT COUNT(*) FROM notice WHERE notice_id = ? AND supersedes = ?", "CN-GACC.N-1.v3", "CN-GACC.N-1.v2"))
                    .isOne();
            assertThat(store.audit()).filteredOn(r -> r.startsWith("CONVERTED CN-GACC.N-1.v3 ")).singleElement().asString()
                    .contains("supersedes CN-GACC.N-1.v2");
        }
    }

    /** Going back to an earlier version's content is that version again, not a fourth one. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void contentOfAnEarlierVersionIsADuplicateOfThatVersion(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", CONTENT, ENV);
            store.queue(CN, "N-1", CHANGED, ENV);

            Registration back = store.queue(CN, "N-1", CONTENT, ENV);

            assertThat(back.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(back.noticeId()).isEqualTo("CN-GACC.N-1.v1");
        }
    }

    /** Partners pick their references independently: the same one from two partners is two notices, two sets of deliveries. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theSameReferenceFromTwoPartnersIsTwoNotices(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            Registration cn = store.queue(CN, "N-1", CONTENT, ENV);
            Registration au = store.queue(AU, "N-1", CONTENT, ENV);

            assertThat(cn.outcome()).isEqualTo(Outcome.NEW);
            assertThat(au.outcome()).isEqualTo(Outcome.NEW);
            assertThat(au.deliveries()).extracting(DeliveryStatus::deliveryKey).containsExactly("AU-ABF.N-1.v1__VN-ENV-POLICE");
            assertThat(store.count("SELECT COUNT(*) FROM delivery")).isEqualTo(2);
        }
    }

    /** A package processed again after a crash finds its notices as it registered them, not as duplicates of itself. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aPackageProcessedAgainGetsItsOwnRegistrationsBack(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", CONTENT, ENV);
            String pkg = store.newPackage(CN);
            NoticeRegistry registry = store.registry("gw-1");
            IncomingNotice notice = new IncomingNotice(pkg, 1, CN, "N-1", CHANGED);
            registry.register(notice, TrackingStore.routed("N-1", ENV));
            int auditBefore = store.audit().size();

            assertThat(registry.registerIfKnown(notice)).hasValueSatisfying(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.NEW_VERSION);
                assertThat(r.supersedes()).isEqualTo("CN-GACC.N-1.v1");
            });
            assertThat(registry.register(notice, TrackingStore.routed("N-1", ENV)).outcome()).isEqualTo(Outcome.NEW_VERSION);
            assertThat(store.audit()).hasSize(auditBefore);
            assertThat(store.count("SELECT COUNT(*) FROM delivery")).isEqualTo(2);
        }
    }

    /** The same notice twice in one document (two identical CSV rows): the second is a duplicate of the first. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aRepeatedNoticeInOnePackageIsADuplicateOfTheFirst(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            String pkg = store.newPackage(CN);
            NoticeRegistry registry = store.registry("gw-1");

            registry.register(new IncomingNotice(pkg, 1, CN, "N-1", CONTENT), TrackingStore.routed("N-1", ENV));
            Registration second = registry.register(new IncomingNotice(pkg, 2, CN, "N-1", CONTENT), TrackingStore.routed("N-1", ENV));

            assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(registry.ofPackage(pkg)).extracting(Registration::position, Registration::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, Outcome.NEW), org.assertj.core.groups.Tuple.tuple(2L, Outcome.DUPLICATE));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void ofPackageListsItsNoticesInOrderWithTheirDeliveriesAsTheyStand(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            store.queue(CN, "N-1", CONTENT, ENV);
            String pkg = store.newPackage(CN);
            NoticeRegistry registry = store.registry("gw-1");
            registry.register(new IncomingNotice(pkg, 1, CN, "N-2", CONTENT), TrackingStore.routed("N-2", ENV, RILO));
            registry.register(new IncomingNotice(pkg, 2, CN, "N-1", CONTENT), List.of());
            registry.register(new IncomingNotice(pkg, 3, CN, "N-1", CHANGED), TrackingStore.routed("N-1", RILO));

            List<Registration> notices = registry.ofPackage(pkg);

            assertThat(notices).extracting(Registration::noticeId, Registration::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("CN-GACC.N-2.v1", Outcome.NEW),
                    org.assertj.core.groups.Tuple.tuple("CN-GACC.N-1.v1", Outcome.DUPLICATE),
                    org.assertj.core.groups.Tuple.tuple("CN-GACC.N-1.v2", Outcome.NEW_VERSION));
            assertThat(notices.get(0).deliveries()).extracting(DeliveryStatus::contactPointId).containsExactly(RILO, ENV);
            assertThat(notices.get(1).deliveries()).extracting(DeliveryStatus::contactPointId).containsExactly(ENV);
            assertThat(notices.get(2).supersedes()).isEqualTo("CN-GACC.N-1.v1");
            assertThat(registry.ofPackage(TrackingStore.randomSha256())).isEmpty();
        }
    }

    /**
     * Two instances register the same new notice from two packages at the same moment (a partner
     * resent it to both inboxes). Exactly one set of deliveries is queued; the other instance sees
     * the duplicate after its transaction is rolled back and run again.
     */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void twoInstancesRacingTheSameNewNoticeQueueExactlyOneSetOfDeliveries(String kind) throws Exception {
        var settings = TestDatabases.settings(kind, temp);
        try (Database first = Database.open(settings); Database second = Database.open(settings)) {
            TrackingStore store = new TrackingStore(first, time);
            for (int round = 0; round < 8; round++) {
                String reference = "RACE-" + round;
                // Odd rounds race a new version of the reference the round before registered.
                String content = round % 2 == 0 ? CONTENT : CHANGED;
                String earlier = round % 2 == 0 ? null : "RACE-" + (round - 1);
                if (earlier != null) {
                    reference = earlier;
                }
                CyclicBarrier start = new CyclicBarrier(2);
                List<Callable<Registration>> instances = new ArrayList<>();
                for (Database db : List.of(first, second)) {
                    String pkg = store.newPackage(CN);
                    NoticeRegistry registry = new NoticeRegistry(db, new AuditTrail(time), new DeliveryStore(db, new AuditTrail(time), time),
                            time, "gw-" + instances.size());
                    IncomingNotice notice = new IncomingNotice(pkg, 1, CN, reference, content);
                    instances.add(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return registry.register(notice, TrackingStore.routed(notice.reference(), ENV, RILO));
                    });
                }
                List<Registration> results = PackageRecordsTest.runTogether(instances);

                Outcome fresh = earlier == null ? Outcome.NEW : Outcome.NEW_VERSION;
                assertThat(results).extracting(Registration::outcome).containsExactlyInAnyOrder(fresh, Outcome.DUPLICATE);
                assertThat(results).extracting(Registration::noticeId).containsOnly(results.get(0).noticeId());
                assertThat(store.count("SELECT COUNT(*) FROM delivery WHERE notice_id = ?", results.get(0).noticeId())).isEqualTo(2);
            }
            assertThat(store.count("SELECT COUNT(*) FROM notice")).isEqualTo(8);
            assertThat(store.count("SELECT COUNT(*) FROM delivery")).isEqualTo(16);
            assertThat(store.auditChainIntact()).isTrue();
        }
    }
}
