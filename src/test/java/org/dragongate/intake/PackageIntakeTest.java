package org.dragongate.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.dragongate.store.PackageRecords;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PackageIntakeTest {
    private static final Channel SFTP = new Channel(Channel.SFTP, "CN-GACC", "CN-GACC/a.p7m");

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theSameBytesAreADuplicateOnlyOnceTheFlowFinishedWithThem(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, dir, Clock.systemUTC())) {
            PackageIntake intake = intake(store);
            ReceivedPackage first = intake.take(bytes("package"), SFTP, ReceivedPackage.PackageForm.CMS);
            ReceivedPackage unfinished = intake.take(bytes("package"), SFTP, ReceivedPackage.PackageForm.CMS);
            intake.finished(first);
            ReceivedPackage afterwards = intake.take(bytes("package"), SFTP, ReceivedPackage.PackageForm.CMS);

            assertThat(first.duplicate()).isFalse();
            assertThat(unfinished.duplicate()).as("taken again: the first attempt has not finished").isFalse();
            assertThat(afterwards.duplicate()).isTrue();
        }
    }

    /** A message queued again after the flow finished with its package (a crash before the acknowledgement) is only acknowledged. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aQueuedPackageTheFlowFinishedWithResumesAsADuplicate(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, dir, Clock.systemUTC())) {
            PackageIntake intake = intake(store);
            ReceivedPackage queued = intake.take(bytes("package"), SFTP, ReceivedPackage.PackageForm.CMS);

            assertThat(intake.resume(queued).duplicate()).isFalse();
            intake.finished(queued);
            assertThat(intake.resume(queued).duplicate()).isTrue();
        }
    }

    /** The queue kept the message but a crash lost the tracking record: the record is written again from the message. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aQueuedPackageWhoseRecordWasLostIsRecordedAgainAndProcessed(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, dir, Clock.systemUTC())) {
            PackageIntake intake = intake(store);
            ReceivedPackage queued = intake.take(bytes("package"), SFTP, ReceivedPackage.PackageForm.SMIME);
            store.db().inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM package"));

            ReceivedPackage resumed = intake.resume(queued);

            assertThat(resumed.duplicate()).isFalse();
            assertThat(store.packages("gw-test").state(queued.sha256())).contains(PackageRecords.State.RECEIVED);
            assertThat(store.count("SELECT COUNT(*) FROM package WHERE sha256 = ? AND form = 'SMIME' AND claimed_partner = 'CN-GACC'",
                    queued.sha256())).isEqualTo(1);
        }
    }

    private PackageIntake intake(TrackingStore store) {
        return new PackageIntake(new PackageArchive(dir.resolve("archive")), store.packages("gw-test"), Clock.systemUTC());
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
