package org.dragongate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dragongate.store.RequestRefused.Problem;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Failed packages on each database: recorded with their last error, listed, and re-driven on an administrator's request. */
class FailedPackagesTest {
    private static final String ADMIN = "admin bob@test";

    @TempDir
    Path temp;

    private final FakeTime time = new FakeTime();

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aPackageTheBrokerGaveUpOnIsListedWithItsLastErrorAndAudited(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            String sha = store.newPackage("CN-GACC");
            PackageRecords records = store.packages("gw-1");
            records.attemptFailed(sha, 1, "IOException: disk full");
            records.attemptFailed(sha, 2, "FileAlreadyExistsException: /data/opened");

            assertThat(records.failed(sha)).isTrue();

            assertThat(records.failed(sha)).as("once").isFalse();
            assertThat(records.state(sha)).contains(PackageRecords.State.FAILED);
            assertThat(failed(store).list()).singleElement().satisfies(f -> {
                assertThat(f.sha256()).isEqualTo(sha);
                assertThat(f.attempts()).isEqualTo(2);
                assertThat(f.lastError()).isEqualTo("FileAlreadyExistsException: /data/opened");
                assertThat(f.claimedPartner()).isEqualTo("CN-GACC");
                assertThat(f.redrive()).isNull();
            });
            assertThat(store.audit()).last().asString().startsWith("FAILED " + sha + " [gw-1]")
                    .contains("last: FileAlreadyExistsException: /data/opened");
            assertThat(records.received(new PackageRecords.Arrival(sha, 100, "sftp", "CN-GACC", "again", "CMS", time.instant())))
                    .as("the same bytes again wait for the administrator too").isEqualTo(PackageRecords.Intake.DUPLICATE);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aRedriveByPrefixIsAuditedAndShownUntilTheGatewayTakesIt(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            String sha = store.newPackage("CN-GACC");
            store.packages("gw-1").failed(sha);

            PackageRequests.PackageRequest request = failed(store).redrive(sha.substring(0, 10).toUpperCase(), ADMIN);

            assertThat(request.kind()).isEqualTo(PackageRequests.Kind.REDRIVE);
            assertThat(request.packageSha256()).isEqualTo(sha);
            assertThat(store.audit()).last().asString().startsWith("ADMIN_ACTION " + sha + " [" + ADMIN + "]").contains(request.id());
            assertThat(failed(store).list()).singleElement().satisfies(f -> assertThat(f.redrive().id()).isEqualTo(request.id()));
            assertRefused(Problem.ALREADY_REQUESTED, () -> failed(store).redrive(sha, ADMIN));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void onlyAFailedPackageNamedClearlyIsRedriven(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            String received = store.newPackage("CN-GACC");

            assertRefused(Problem.NOT_ELIGIBLE, () -> failed(store).redrive(received, ADMIN));
            assertRefused(Problem.UNKNOWN, () -> failed(store).redrive("0".repeat(64), ADMIN));
            assertRefused(Problem.INVALID_INPUT, () -> failed(store).redrive("abc", ADMIN));
            assertThat(store.count("SELECT COUNT(*) FROM package_request")).isZero();
        }
    }

    private FailedPackages failed(TrackingStore store) {
        return new FailedPackages(store.db(), new AuditTrail(time), time);
    }

    private static void assertRefused(Problem problem, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RequestRefused.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
