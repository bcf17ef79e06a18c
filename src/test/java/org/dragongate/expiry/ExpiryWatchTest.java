package org.dragongate.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dragongate.store.AuditTrail;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each warning once per certificate and threshold, on each database: across checks, restarts and concurrent instances. */
class ExpiryWatchTest {
    private static final String SHA = "5e".repeat(32);

    @TempDir
    Path temp;

    private final FakeTime time = new FakeTime();
    private final RecordingMail mail = new RecordingMail();

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aWarningIsGivenOnceAndNotAgainAtTheNextCheck(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            CertificateInventory inventory = certificateEndingIn(Duration.ofDays(10));

            ExpiryWatch.Check first = watch(store, inventory, "gw-1").check();
            ExpiryWatch.Check second = watch(store, inventory, "gw-1").check();

            assertThat(first.sent()).isEqualTo(1);
            assertThat(first.warning()).isEqualTo(1);
            assertThat(second.sent()).isZero();
            assertThat(second.warning()).as("still in warning, only not told again").isEqualTo(1);
            assertThat(mail.sent()).containsExactly("PARTNER CN-GACC 14");
            assertThat(store.count("SELECT COUNT(*) FROM expiry_warning WHERE sha256 = ? AND threshold_days = 14", SHA)).isEqualTo(1);
        }
    }

    /** A gateway that was down (or a certificate imported late) must not send the 30- and 14-day warnings it missed along with the 7-day one. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aCertificateJumpingFromFortyToFiveDaysLeftIsWarnedOnceForSevenDays(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            Instant notAfter = time.instant().plus(Duration.ofDays(40));
            CertificateInventory inventory = () -> List.of(certificate("CN-GACC", notAfter));
            ExpiryWatch watch = watch(store, inventory, "gw-1");

            assertThat(watch.check().sent()).isZero();
            time.set(notAfter.minus(Duration.ofDays(5)));
            assertThat(watch.check().sent()).isEqualTo(1);
            assertThat(watch.check().sent()).isZero();
            time.set(notAfter.minus(Duration.ofHours(12)));
            assertThat(watch.check().sent()).isEqualTo(1);

            assertThat(mail.sent()).containsExactly("PARTNER CN-GACC 7", "PARTNER CN-GACC 1");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void anExpiredCertificateIsReportedOnceAsExpiredAndAudited(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            CertificateInventory inventory = certificateEndingIn(Duration.ofDays(-3));

            ExpiryWatch.Check first = watch(store, inventory, "gw-1").check();
            watch(store, inventory, "gw-1").check();

            assertThat(first.expired()).isEqualTo(1);
            assertThat(mail.sent()).containsExactly("PARTNER CN-GACC EXPIRED");
            assertThat(store.audit()).singleElement().asString()
                    .startsWith("EXPIRY_WARNING partner:CN-GACC [gw-1] EXPIRED on ")
                    .contains("sha256 " + SHA.substring(0, 16)).contains("mailed to admin@dragongate.example");
            assertThat(store.auditChainIntact()).isTrue();
        }
    }

    /** Without expiry.mail-to the warning is logged and recorded all the same, and not logged again at the next check. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void withoutMailTheWarningIsRecordedOnceAllTheSame(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            CertificateInventory inventory = certificateEndingIn(Duration.ofDays(1));
            ExpiryWatch logOnly = new ExpiryWatch(new CertificateExpiry(inventory, ExpiryThresholds.defaults(), time), store.db(),
                    new AuditTrail(time), null, time, "gw-1");

            assertThat(logOnly.check().sent()).isEqualTo(1);
            assertThat(logOnly.check().sent()).isZero();
            assertThat(store.count("SELECT COUNT(*) FROM expiry_warning WHERE mailed_to IS NULL AND threshold_days = 1")).isEqualTo(1);
        }
    }

    /** A relay that refuses leaves no record, so the warning is not lost: the next check sends it. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aMailTheRelayRefusedIsSentAtTheNextCheck(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            CertificateInventory inventory = certificateEndingIn(Duration.ofDays(10));
            ExpiryWatch watch = watch(store, inventory, "gw-1");
            mail.failNext();

            ExpiryWatch.Check refused = watch.check();
            ExpiryWatch.Check retried = watch.check();

            assertThat(refused.failed()).isEqualTo(1);
            assertThat(refused.sent()).isZero();
            assertThat(retried.sent()).isEqualTo(1);
            assertThat(mail.sent()).containsExactly("PARTNER CN-GACC 14");
            assertThat(store.count("SELECT COUNT(*) FROM audit WHERE event = 'EXPIRY_WARNING'")).isEqualTo(1);
        }
    }

    /** Two instances on one database check at the same moment: every warning is sent by one of them, once. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void twoConcurrentWatchersOnOneDatabaseSendEachWarningOnce(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            List<WatchedCertificate> certificates = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                certificates.add(certificate("P-" + i, time.instant().plus(Duration.ofDays(i))));
            }
            CertificateInventory inventory = () -> certificates;
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<ExpiryWatch.Check>> checks = new ArrayList<>();
                for (String instance : List.of("gw-1", "gw-2")) {
                    ExpiryWatch watch = watch(store, inventory, instance);
                    Callable<ExpiryWatch.Check> check = () -> {
                        together.await(10, TimeUnit.SECONDS);
                        return watch.check();
                    };
                    checks.add(pool.submit(check));
                }
                int sent = checks.get(0).get(30, TimeUnit.SECONDS).sent() + checks.get(1).get(30, TimeUnit.SECONDS).sent();

                assertThat(sent).isEqualTo(12);
            } finally {
                pool.shutdownNow();
            }
            assertThat(mail.sent()).hasSize(12).doesNotHaveDuplicates();
            assertThat(store.count("SELECT COUNT(*) FROM expiry_warning")).isEqualTo(12);
            assertThat(store.count("SELECT COUNT(*) FROM audit WHERE event = 'EXPIRY_WARNING'")).isEqualTo(12);
            assertThat(store.auditChainIntact()).isTrue();
        }
    }

    /** The same certificate held by two partners (a shared CA) concerns two administrators' conversations: each owner is warned. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theSameCertificateUnderTwoOwnersIsWarnedForEach(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            Instant notAfter = time.instant().plus(Duration.ofDays(6));
            CertificateInventory inventory = () -> List.of(certificate("CN-GACC", notAfter), certificate("AU-ABF", notAfter));

            watch(store, inventory, "gw-1").check();

            assertThat(mail.sent()).containsExactlyInAnyOrder("PARTNER CN-GACC 7", "PARTNER AU-ABF 7");
        }
    }

    private ExpiryWatch watch(TrackingStore store, CertificateInventory inventory, String instance) {
        return new ExpiryWatch(new CertificateExpiry(inventory, ExpiryThresholds.defaults(), time), store.db(), new AuditTrail(time), mail,
                time, instance);
    }

    private CertificateInventory certificateEndingIn(Duration left) {
        WatchedCertificate certificate = certificate("CN-GACC", time.instant().plus(left));
        return () -> List.of(certificate);
    }

    private static WatchedCertificate certificate(String partnerId, Instant notAfter) {
        String sha = partnerId.equals("CN-GACC") || partnerId.equals("AU-ABF") ? SHA
                : String.format("%064x", Math.abs((long) partnerId.hashCode()));
        return new WatchedCertificate(OwnerKind.PARTNER, partnerId, "pinned signer", sha, "CN=" + partnerId + " Signer", notAfter);
    }

    /** Records each mail as "KIND OWNER THRESHOLD" (EXPIRED for expired); can refuse the next one as a relay would. */
    private static final class RecordingMail implements WarningMail {
        private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean failNext;

        @Override
        public String recipients() {
            return "admin@dragongate.example";
        }

        @Override
        public void send(ExpiryStatus status) throws MessagingException {
            if (failNext) {
                failNext = false;
                throw new MessagingException("451 try again later");
            }
            sent.add(status.ownerKind() + " " + status.ownerId() + " "
                    + (status.state() == ExpiryStatus.State.EXPIRED ? "EXPIRED" : status.thresholdDays()));
        }

        void failNext() {
            failNext = true;
        }

        List<String> sent() {
            return List.copyOf(sent);
        }
    }
}
