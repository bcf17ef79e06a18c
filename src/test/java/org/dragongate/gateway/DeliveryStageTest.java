package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.delivery.DeliverySealer;
import org.dragongate.pki.ExamplePki;
import org.dragongate.routing.ContactPointDirectoryFile;
import org.dragongate.store.DeliveryStore;
import org.dragongate.store.NoticeRegistry.Outcome;
import org.dragongate.store.NoticeRegistry.Registration;
import org.dragongate.store.PackageRecords;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestNotices;
import org.dragongate.testing.TestPki;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convert stage's output registered and queued: each notice once, whichever package brings it and however often. */
class DeliveryStageTest {
    private static final String ALERT = TestNotices.alert(ExamplePki.CN_GACC, "CN-GACC-D-1");
    private static final String NOTICE_ID = "CN-GACC.CN-GACC-D-1.v1";

    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime();
    private TrackingStore store;
    private DeliveryStage stage;

    @BeforeEach
    void open() throws Exception {
        store = TrackingStore.open("h2", dir, time);
        DeliverySealer sealer = new DeliverySealer(KeyFiles.load(TestPki.shared().gatewayFile(ExamplePki.SIGNING + ".p12"),
                TestPki.password(), null));
        stage = new DeliveryStage(sealer, ContactPointDirectoryFile.load(Path.of("config", "contact-points.yaml")),
                store.registry("gw-1"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A package processed again after a crash (a retake) finds its notices registered: nothing sealed or queued twice. */
    @Test
    void queuesEachNewNoticeOncePerContactPointAndNothingWhenThePackageIsProcessedAgain() throws Exception {
        Path notices = convert(ALERT, "a1".repeat(32));

        assertThat(stage.enqueue(notices)).isEqualTo(2);
        assertThat(stage.enqueue(notices)).isZero();

        assertThat(store.registry("gw-1").ofPackage("a1".repeat(32))).singleElement().satisfies(r -> {
            assertThat(r.noticeId()).isEqualTo(NOTICE_ID);
            assertThat(r.outcome()).isEqualTo(Outcome.NEW);
            assertThat(r.deliveries()).extracting(DeliveryStore.DeliveryStatus::contactPointId)
                    .containsExactly(ExamplePki.RILO_AP, ExamplePki.VN_ENV_POLICE);
        });
        assertThat(store.count("SELECT COUNT(*) FROM delivery WHERE routing_reason LIKE 'VN-ENV-POLICE: category WILDLIFE%'")).isOne();
        assertThat(store.count("SELECT COUNT(*) FROM delivery WHERE LENGTH(sealed) > 1000")).isEqualTo(2);
    }

    @Test
    void aResendInAnotherPackageQueuesNothingAndAChangedNoticeIsQueuedAsANewVersion() throws Exception {
        stage.enqueue(convert(ALERT, "a1".repeat(32)));

        assertThat(stage.enqueue(convert(ALERT, "a2".repeat(32)))).isZero();
        assertThat(stage.enqueue(convert(ALERT.replace("cashew nuts.", "cashew nuts and peanuts."), "a3".repeat(32)))).isEqualTo(2);

        assertThat(store.registry("gw-1").ofPackage("a2".repeat(32))).extracting(Registration::noticeId, Registration::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NOTICE_ID, Outcome.DUPLICATE));
        assertThat(store.registry("gw-1").ofPackage("a3".repeat(32))).singleElement()
                .satisfies(r -> assertThat(r.supersedes()).isEqualTo(NOTICE_ID));
        assertThat(store.count("SELECT COUNT(*) FROM delivery")).isEqualTo(4);
    }

    /** The package as intake records it, then converted by the stage with the shipped routing. */
    private Path convert(String noticeXml, String packageSha) throws Exception {
        record(packageSha);
        return ConvertStageTest.stage(dir).convert(ConvertStageTest.opened(dir, noticeXml, packageSha));
    }

    private void record(String packageSha) throws SQLException {
        store.packages("gw-1").received(new PackageRecords.Arrival(packageSha, 1, "sftp", ExamplePki.CN_GACC, "CN-GACC/x.p7m", "CMS",
                Instant.parse("2026-11-23T10:00:00Z")));
    }
}
