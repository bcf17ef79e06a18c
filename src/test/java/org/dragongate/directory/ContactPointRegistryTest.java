package org.dragongate.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.dragongate.crypto.Certificates;
import org.dragongate.directory.DirectoryException.Problem;
import org.dragongate.notice.Category;
import org.dragongate.routing.ContactPoint;
import org.dragongate.store.AuditChain;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.DeliveryStore;
import org.dragongate.testing.DirectoryFiles;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Authority;
import org.dragongate.testing.TestCertificates.Issued;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contact points in the database, on each database: every change audited, and the directory the gateway routes with. */
class ContactPointRegistryTest {
    private static final String VN = "VN-ENV-POLICE";
    private static final String ADMIN = "admin alice@console";

    @TempDir
    Path temp;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final FakeTime clock = new FakeTime(start);

    private record Fixture(Database db, ContactPointRegistry registry) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    private Fixture open(String kind) throws SQLException {
        Database db = TestDatabases.open(kind, temp);
        ContactPointRegistry registry = new ContactPointRegistry(db, new AuditTrail(clock), clock);
        registry.add(new NewContactPoint(VN, "Environmental Police", "VN", Set.of(Category.WILDLIFE), "https://vn.example/notices",
                "DRAGONGATE_TOKEN_VN", null, null), ADMIN);
        return new Fixture(db, registry);
    }

    private Issued encryptionCertificate(String name, Instant from, Instant to) {
        Authority ca = TestCertificates.authority("CP CA " + System.nanoTime(), temp.resolve("pki"));
        return ca.endEntity(name).keyUsage(KeyUsage.keyEncipherment).validity(from, to).issue(name.replace(' ', '-'));
    }

    private static void assertRefused(Problem problem, org.assertj.core.api.ThrowableAssert.ThrowingCallable change) {
        assertThatThrownBy(change).isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aContactPointIsAddedListedSuspendedAndResumedWithEachChangeAudited(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            ContactPointRecord added = f.registry().show(VN);
            assertThat(added.categories()).containsExactly(Category.WILDLIFE);
            assertThat(added.bearerTokenEnv()).isEqualTo("DRAGONGATE_TOKEN_VN");
            assertThat(f.registry().suspend(VN, "server migration", ADMIN).status()).isEqualTo(ContactPointRecord.SUSPENDED);
            assertThat(f.registry().resume(VN, ADMIN).active()).isTrue();
            assertThat(f.registry().list()).extracting(ContactPointRecord::id).containsExactly(VN);

            assertThat(new AuditChain(f.db()).latest(ContactPointRegistry.subject(VN), 10)).hasSize(3)
                    .allSatisfy(record -> assertThat(record.actor()).isEqualTo(ADMIN))
                    .anySatisfy(record -> assertThat(record.detail()).contains("suspended: server migration").contains("held"));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aSecondContactPointWithTheSameIdAndBadInputAreRefused(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            assertRefused(Problem.CONTACT_POINT_EXISTS, () -> f.registry().add(new NewContactPoint(VN, null, "VN", Set.of(Category.OTHER),
                    "mailto:intel@vn.example", null, null, null), ADMIN));
            assertRefused(Problem.INVALID_INPUT, () -> new NewContactPoint("KR-KCS", null, "KR", Set.of(Category.OTHER),
                    "https://kr.example/x", "ghp_secretTokenPastedHere", null, null));
            assertRefused(Problem.INVALID_INPUT, () -> new NewContactPoint("KR-KCS", null, "XX", Set.of(Category.OTHER),
                    "https://kr.example/x", null, null, null));
            assertRefused(Problem.INVALID_INPUT, () -> new NewContactPoint("KR-KCS", null, "KR", Set.of(Category.OTHER),
                    "http://kr.example/x", null, null, null));
            assertRefused(Problem.UNKNOWN_CONTACT_POINT, () -> f.registry().suspend("KR-KCS", null, ADMIN));
        }
    }

    /** During a contact point's rollover both certificates are in use; deliveries are encrypted for the one whose window started last. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theGatewayEncryptsForTheNewestCertificateInUseAndNeverForARevokedOne(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Issued old = encryptionCertificate("VN old", start.minus(30, ChronoUnit.DAYS), start.plus(300, ChronoUnit.DAYS));
            Issued current = encryptionCertificate("VN new", start.minus(1, ChronoUnit.DAYS), start.plus(700, ChronoUnit.DAYS));
            var certificates = f.registry().certificates();
            certificates.importCertificate(VN, Files.readAllBytes(old.certificateFile()), "old.pem", null, UseWindow.VALIDITY, false, ADMIN);
            certificates.importCertificate(VN, Files.readAllBytes(current.certificateFile()), "new.pem", null,
                    new UseWindow(start.plus(10, ChronoUnit.DAYS), null), false, ADMIN);

            assertThat(encryptsFor(f)).isEqualTo(old.certificate());
            clock.set(start.plus(10, ChronoUnit.DAYS));
            assertThat(encryptsFor(f)).isEqualTo(current.certificate());
            certificates.revoke(VN, Certificates.fingerprint(current.certificate()).substring(0, 12), "key lost", ADMIN);
            assertThat(encryptsFor(f)).isEqualTo(old.certificate());
            certificates.revoke(VN, Certificates.fingerprint(old.certificate()), "key lost too", ADMIN);
            assertThat(f.registry().load().find(VN).orElseThrow().encryptionCertificate()).as("signed only from now").isEmpty();
            assertThat(certificates.list(VN)).extracting(ContactPointCertificateRecord::status).containsOnly(CertificateRecord.REVOKED);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void certificatesThatCannotServeAreRefusedByName(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Authority ca = TestCertificates.authority("CP CA", temp.resolve("pki"));
            Issued signing = ca.endEntity("VN signer").issue("vn-signer");
            Issued expired = ca.endEntity("VN expired").keyUsage(KeyUsage.keyEncipherment)
                    .validity(start.minus(400, ChronoUnit.DAYS), start.minus(10, ChronoUnit.DAYS)).issue("vn-expired");
            Path p12 = DirectoryFiles.pkcs12(encryptionCertificate("VN p12", start.minus(1, ChronoUnit.DAYS), start.plus(90, ChronoUnit.DAYS)),
                    "p12-secret".toCharArray(), temp.resolve("vn.p12"));
            var certificates = f.registry().certificates();

            assertRefused(Problem.INVALID_INPUT, () -> certificates.importCertificate(VN, Files.readAllBytes(signing.certificateFile()),
                    "signer.pem", null, UseWindow.VALIDITY, false, ADMIN));
            assertRefused(Problem.PRIVATE_KEY, () -> certificates.importCertificate(VN, Files.readAllBytes(signing.keyFile()), "key.pem", null,
                    UseWindow.VALIDITY, false, ADMIN));
            assertRefused(Problem.EXPIRED, () -> certificates.importCertificate(VN, Files.readAllBytes(expired.certificateFile()),
                    "expired.pem", null, UseWindow.VALIDITY, false, ADMIN));
            assertRefused(Problem.WRONG_PASSWORD, () -> certificates.importCertificate(VN, Files.readAllBytes(p12), "vn.p12",
                    "wrong".toCharArray(), UseWindow.VALIDITY, false, ADMIN));
            var kept = certificates.importCertificate(VN, Files.readAllBytes(expired.certificateFile()), "expired.pem", null,
                    UseWindow.VALIDITY, true, ADMIN);
            assertThat(kept.warnings()).singleElement().asString().contains("expired on");
            certificates.importCertificate(VN, Files.readAllBytes(p12), "vn.p12", "p12-secret".toCharArray(), UseWindow.VALIDITY, false, ADMIN);
            assertRefused(Problem.DUPLICATE, () -> certificates.importCertificate(VN, Files.readAllBytes(p12), "vn.p12",
                    "p12-secret".toCharArray(), UseWindow.VALIDITY, false, ADMIN));
            assertThat(certificates.list(VN)).hasSize(2);
        }
    }

    /** A suspension loses nothing: notices are still routed and queued, the delivery worker just leaves them until the resume. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void deliveriesToASuspendedContactPointAreHeldQueuedUntilItIsResumed(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            TrackingStore tracking = new TrackingStore(f.db(), clock);
            DeliveryStore deliveries = tracking.deliveries();
            f.registry().suspend(VN, "maintenance", ADMIN);
            tracking.queue("CN-GACC", "N-1", "b".repeat(64), VN);

            assertThat(deliveries.claimDue("gw-1", clock.instant().plusSeconds(1), Duration.ofMinutes(1), 5)).as("held").isEmpty();
            assertThat(f.registry().queuedDeliveries(VN)).isEqualTo(1);
            f.registry().resume(VN, ADMIN);
            assertThat(deliveries.claimDue("gw-1", clock.instant().plusSeconds(1), Duration.ofMinutes(1), 5))
                    .extracting(DeliveryStore.Claim::contactPointId).containsExactly(VN);
            assertThat(f.registry().load().find(VN)).as("a suspended contact point stays routable").isPresent();
        }
    }

    private java.security.cert.X509Certificate encryptsFor(Fixture f) throws SQLException {
        ContactPoint contactPoint = f.registry().load().find(VN).orElseThrow();
        return contactPoint.encryptionCertificate().orElseThrow();
    }
}
