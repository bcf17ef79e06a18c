package org.dragongate.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dragongate.intake.Channel;
import org.dragongate.intake.PackageArchive;
import org.dragongate.intake.PackageIntake;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.PackageRecords;
import org.dragongate.store.PackageRequests;
import org.dragongate.store.PackageRequests.PackageRequest;
import org.dragongate.store.RequestRefused;
import org.dragongate.store.RequestRefused.Problem;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quarantine administration on each database: what list and show give, a reprocess request that an
 * instance takes once and puts back through intake, the history a package refused twice keeps, and
 * what a discard removes.
 */
class QuarantineAdminTest {
    private static final String ADMIN = "admin alice@test";
    private static final Channel CHANNEL = new Channel("sftp", "CN-GACC", "CN-GACC/alert.p7m");

    @TempDir
    Path temp;

    private final FakeTime time = new FakeTime();

    /** A store with one package taken in over intake and quarantined, as the gateway leaves it. */
    private record Fixture(TrackingStore store, FakeTime time, PackageIntake intake, PackageArchive archive, QuarantineAdmin admin,
                           String sha256, String entryId) implements AutoCloseable {
        PackageRequests requests(String instance) {
            return new PackageRequests(store.db(), new AuditTrail(time), time, instance, Duration.ofMinutes(2));
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private Fixture open(String kind) throws Exception {
        TrackingStore store = TrackingStore.open(kind, temp.resolve("db"), time);
        PackageRecords records = store.packages("gw-1");
        PackageArchive archive = new PackageArchive(temp.resolve("archive"));
        PackageIntake intake = new PackageIntake(archive, records, time);
        ReceivedPackage received = intake.take(new ByteArrayInputStream(("package " + kind).getBytes()), CHANNEL, ReceivedPackage.PackageForm.CMS);
        Quarantine quarantine = new Quarantine(temp.resolve("quarantine"), time);
        String id = refuse(quarantine, records, received, "UNKNOWN_SIGNER", "signer 'CN=New' is not registered");
        return new Fixture(store, time, intake, archive, new QuarantineAdmin(store.db(), new AuditTrail(time), time, temp.resolve("quarantine"), archive),
                received.sha256(), id);
    }

    /** The request a reprocess of the fixture's entry made, as gw-1 took it, and the package it took in again from the archive. */
    private record Retaken(PackageRequest request, ReceivedPackage again) {
    }

    private static Retaken reprocessedAndRetaken(Fixture f) throws Exception {
        f.admin().reprocess(f.entryId(), ADMIN);
        PackageRequest taken = f.requests("gw-1").take().get(0);
        ReceivedPackage again = f.intake().retake(taken);
        f.requests("gw-1").queued(taken);
        return new Retaken(taken, again);
    }

    private static String refuse(Quarantine quarantine, PackageRecords records, ReceivedPackage received, String reason, String message)
            throws Exception {
        QuarantineEntry entry = quarantine.put(received, new org.dragongate.refusal.PackageRejected(
                org.dragongate.refusal.RejectReason.valueOf(reason), message));
        records.quarantined(received.sha256(), entry.id(), reason, message);
        return entry.id();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void showGivesTheEntryWithItsPackagesChannelSizeAndTimes(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            QuarantineRecord entry = f.admin().show(f.entryId()).entry();

            assertThat(entry.reason()).isEqualTo("UNKNOWN_SIGNER");
            assertThat(entry.message()).isEqualTo("signer 'CN=New' is not registered");
            assertThat(entry.state()).isEqualTo(QuarantineRecord.OPEN);
            assertThat(entry.channel()).isEqualTo("sftp");
            assertThat(entry.partnerId()).isEqualTo("CN-GACC");
            assertThat(entry.origin()).isEqualTo("CN-GACC/alert.p7m");
            assertThat(entry.packageSha256()).isEqualTo(f.sha256());
            assertThat(entry.packageSize()).isEqualTo(("package " + kind).length());
            assertThat(entry.receivedAt()).isEqualTo(FakeTime.START);
            assertThat(f.admin().list(false)).extracting(QuarantineRecord::id).containsExactly(f.entryId());
            assertRefused(Problem.UNKNOWN, () -> f.admin().show("Q-nothing"));
        }
    }

    /** Several instances poll: a request must be taken by one of them, once, and a dead instance's request by another later. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aReprocessRequestIsAuditedAndTakenByOneInstanceUntilItsLeaseLapses(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            PackageRequest request = f.admin().reprocess(f.entryId(), ADMIN);

            assertThat(request.state()).isEqualTo(PackageRequests.State.PENDING);
            assertThat(f.store().audit()).last().asString().startsWith("ADMIN_ACTION " + f.sha256() + " [" + ADMIN + "]")
                    .contains("reprocess of quarantine entry " + f.entryId(), request.id());
            assertThat(f.admin().show(f.entryId()).entry().state()).isEqualTo(QuarantineRecord.REPROCESSED);
            assertRefused(Problem.NOT_ELIGIBLE, () -> f.admin().reprocess(f.entryId(), ADMIN));
            assertThat(f.requests("gw-1").take()).extracting(PackageRequest::id).containsExactly(request.id());
            assertThat(f.requests("gw-2").take()).as("taken by gw-1").isEmpty();
            time.set(FakeTime.START.plus(Duration.ofMinutes(3)));
            assertThat(f.requests("gw-2").take()).as("gw-1's lease lapsed").extracting(PackageRequest::id).containsExactly(request.id());
        }
    }

    /** Reprocessed and refused again: the new entry carries the new reason, and show tells the whole story. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aReprocessedPackageIsTakenAgainThroughIntakeAndARefusalAgainShowsTheHistory(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Retaken retaken = reprocessedAndRetaken(f);
            PackageRequest taken = retaken.request();
            ReceivedPackage again = retaken.again();

            assertThat(again.sha256()).isEqualTo(f.sha256());
            assertThat(again.duplicate()).isFalse();
            assertThat(again.channel()).isEqualTo(CHANNEL);
            assertThat(again.archivedAt()).hasContent("package " + kind);
            assertThat(f.store().packages("gw-1").state(f.sha256())).contains(PackageRecords.State.RECEIVED);
            assertThat(f.store().audit()).last().asString().startsWith("RECEIVED " + f.sha256() + " [gw-1]")
                    .contains("was QUARANTINED", taken.id(), ADMIN);
            time.set(FakeTime.START.plusSeconds(60));
            String second = refuse(new Quarantine(temp.resolve("quarantine"), time), f.store().packages("gw-1"), again, "CERT_REVOKED",
                    "revoked");
            QuarantineAdmin.Detail detail = f.admin().show(second);
            assertThat(detail.entry().reason()).isEqualTo("CERT_REVOKED");
            assertThat(detail.entries()).extracting(QuarantineRecord::id, QuarantineRecord::reason, QuarantineRecord::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(f.entryId(), "UNKNOWN_SIGNER", "REPROCESSED"),
                            org.assertj.core.groups.Tuple.tuple(second, "CERT_REVOKED", "OPEN"));
            assertThat(detail.requests()).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(PackageRequests.State.QUEUED);
                assertThat(r.requestedBy()).isEqualTo(ADMIN);
            });
        }
    }

    /** Refused again within the same second as the last time (a quick reprocess): an entry of its own, the old one not reused. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aRefusalInTheSameSecondAsTheLastGetsAnEntryOfItsOwn(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            ReceivedPackage again = reprocessedAndRetaken(f).again();

            String second = refuse(new Quarantine(temp.resolve("quarantine"), time), f.store().packages("gw-1"), again, "CERT_REVOKED",
                    "revoked");

            assertThat(second).isNotEqualTo(f.entryId()).startsWith(f.entryId());
            assertThat(f.admin().show(second).entries()).extracting(QuarantineRecord::id, QuarantineRecord::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(f.entryId(), "REPROCESSED"),
                            org.assertj.core.groups.Tuple.tuple(second, "OPEN"));
            assertThat(temp.resolve("quarantine").resolve(second).resolve("package.p7m")).exists();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aRequestWhoseBytesAreGoneFailsWithTheReasonOnTheTrail(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            f.admin().reprocess(f.entryId(), ADMIN);
            PackageRequest taken = f.requests("gw-1").take().get(0);
            Files.delete(f.archive().pathOf(f.sha256()));

            assertThatThrownBy(() -> f.intake().retake(taken)).isInstanceOf(PackageRequests.CannotRequeue.class)
                    .hasMessageContaining("bytes of package " + taken.shortSha() + " are gone");
            f.requests("gw-1").failed(taken, new PackageRequests.CannotRequeue("bytes gone"));

            assertThat(f.store().packages("gw-1").state(f.sha256())).contains(PackageRecords.State.QUARANTINED);
            assertThat(f.admin().show(f.entryId()).requests()).singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo("bytes gone"));
            assertThat(f.store().audit()).last().asString().contains("failed: bytes gone");
        }
    }

    /** Discarded bytes are gone from quarantine and the archive, yet the same bytes again are still a duplicate. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void discardRemovesTheBytesHidesTheEntryAndIsAudited(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            assertRefused(Problem.INVALID_INPUT, () -> f.admin().discard(f.entryId(), " ", ADMIN));

            QuarantineAdmin.Discarded discarded = f.admin().discard(f.entryId(), "spam from a test account", ADMIN);

            assertThat(discarded.quarantineCopyRemoved()).isTrue();
            assertThat(discarded.archiveCopyRemoved()).isTrue();
            assertThat(temp.resolve("quarantine").resolve(f.entryId())).doesNotExist();
            assertThat(f.archive().pathOf(f.sha256())).doesNotExist();
            assertThat(discarded.entry().state()).isEqualTo(QuarantineRecord.DISCARDED);
            assertThat(discarded.entry().discardedBy()).isEqualTo(ADMIN);
            assertThat(discarded.entry().discardReason()).isEqualTo("spam from a test account");
            assertThat(f.store().audit()).last().asString().startsWith("ADMIN_ACTION " + f.sha256() + " [" + ADMIN + "]")
                    .contains("discarded: spam from a test account");
            assertThat(f.admin().list(false)).isEmpty();
            assertThat(f.admin().list(true)).extracting(QuarantineRecord::id).containsExactly(f.entryId());
            assertRefused(Problem.NOT_ELIGIBLE, () -> f.admin().reprocess(f.entryId(), ADMIN));
            assertThat(f.store().packages("gw-1").received(new PackageRecords.Arrival(f.sha256(), 1, "sftp", "CN-GACC", "again", "CMS",
                    time.instant()))).isEqualTo(PackageRecords.Intake.DUPLICATE);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void anEntryWithAReprocessWaitingCannotBeDiscarded(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            f.admin().reprocess(f.entryId(), ADMIN);

            assertRefused(Problem.ALREADY_REQUESTED, () -> f.admin().discard(f.entryId(), "changed my mind", ADMIN));

            assertThat(f.archive().pathOf(f.sha256())).exists();
        }
    }

    static void assertRefused(Problem problem, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RequestRefused.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
