package org.dragongate.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dragongate.crypto.Certificates;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.directory.NewPartner;
import org.dragongate.directory.PartnerCertificates.ImportOptions;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.expiry.ExpiryStatus.State;
import org.dragongate.pki.ExamplePki;
import org.dragongate.routing.ContactPoint;
import org.dragongate.routing.ContactPointDirectory;
import org.dragongate.store.AuditTrail;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Authority;
import org.dragongate.testing.TestCertificates.Issued;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TestPki;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each source lists the certificates of its owners, and the status list puts the soonest to expire first. */
class CertificateInventoryTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    static Path pki;

    @TempDir
    Path temp;

    private static Authority ca;
    private final FakeTime time = new FakeTime(NOW);

    @BeforeAll
    static void authority() {
        ca = TestCertificates.authority("Expiry Test CA", pki);
    }

    /** A revoked certificate is no longer accepted, so its end concerns nobody; the partner's current one does. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void partnersActiveCertificatesAreWatchedAndRevokedOnesAreNot(String kind) throws Exception {
        Issued current = issue("current", Duration.ofDays(20));
        Issued revoked = issue("revoked", Duration.ofDays(200));
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            PartnerRegistry registry = new PartnerRegistry(store.db(), new AuditTrail(time), time);
            registry.add(new NewPartner("CN-GACC", "China Customs", "CN", null, Set.of(), false), "admin test");
            for (Issued issued : List.of(current, revoked)) {
                registry.certificates().importCertificate("CN-GACC", issued.certificate().getEncoded(), "test", null, ImportOptions.DEFAULTS,
                        "admin test");
            }
            registry.certificates().revoke("CN-GACC", Certificates.fingerprint(revoked.certificate()), "key compromise", "admin test");

            List<WatchedCertificate> watched = new PartnerCertificateInventory(registry).certificates();

            assertThat(watched).containsExactly(new WatchedCertificate(OwnerKind.PARTNER, "CN-GACC", "pinned signer",
                    Certificates.fingerprint(current.certificate()), current.certificate().getSubjectX500Principal().getName(),
                    NOW.plus(Duration.ofDays(20))));
        }
    }

    @Test
    void contactPointsWithAnEncryptionCertificateAreWatched() {
        Issued encryption = issue("vn-encryption", Duration.ofDays(9));
        ContactPointDirectory directory = ContactPointDirectory.of(
                contactPoint("VN-ENV-POLICE", Optional.of(encryption.certificate())), contactPoint("VN-SIGN-ONLY", Optional.empty()));

        List<WatchedCertificate> watched = new ContactPointCertificateInventory(directory).certificates();

        assertThat(watched).singleElement().satisfies(certificate -> {
            assertThat(certificate.ownerKind()).isEqualTo(OwnerKind.CONTACT_POINT);
            assertThat(certificate.ownerId()).isEqualTo("VN-ENV-POLICE");
            assertThat(certificate.purpose()).isEqualTo("encryption");
            assertThat(certificate.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(9)));
        });
    }

    @Test
    void theGatewaysDecryptionAndSigningKeysAreWatchedByTheirFiles() throws Exception {
        TestPki keys = TestPki.shared();
        Path rsa = keys.gatewayFile("encryption.p12");
        Path ec = keys.gatewayFile("encryption-ec.p12");
        Path signing = keys.gatewayFile(ExamplePki.SIGNING + ".p12");

        List<WatchedCertificate> watched = GatewayCertificateInventory.load(List.of(rsa, ec), signing, TestPki.password()).certificates();

        assertThat(watched).extracting(WatchedCertificate::ownerKind).containsOnly(OwnerKind.GATEWAY);
        assertThat(watched).extracting(WatchedCertificate::ownerId, WatchedCertificate::purpose).containsExactly(
                tuple(rsa.toString(), "decryption"), tuple(ec.toString(), "decryption"),
                tuple(signing.toString(), "signing"));
        assertThat(watched.get(0).sha256()).isEqualTo(Certificates.fingerprint(keys.gatewayCertificate()));
        assertThat(watched.get(2).sha256()).isEqualTo(Certificates.fingerprint(KeyFiles.load(signing, TestPki.password(), null).certificate()));
    }

    @Test
    void statusesComeSoonestFirstAndWithinKeepsTheExpiredAndThoseInsideTheDays() throws Exception {
        WatchedCertificate later = watched("LATER", Duration.ofDays(100));
        WatchedCertificate soon = watched("SOON", Duration.ofDays(10));
        WatchedCertificate expired = watched("EXPIRED", Duration.ofDays(-2));
        CertificateExpiry expiry = new CertificateExpiry(CertificateInventory.of(() -> List.of(later), () -> List.of(soon, expired)),
                ExpiryThresholds.defaults(), time);

        List<ExpiryStatus> all = expiry.statuses();
        List<ExpiryStatus> within = expiry.within(14);

        assertThat(all).extracting(ExpiryStatus::ownerId).containsExactly("EXPIRED", "SOON", "LATER");
        assertThat(all).extracting(ExpiryStatus::state).containsExactly(State.EXPIRED, State.WARNING, State.OK);
        assertThat(all).extracting(ExpiryStatus::daysLeft).containsExactly(-2L, 10L, 100L);
        assertThat(within).extracting(ExpiryStatus::ownerId).containsExactly("EXPIRED", "SOON");
    }

    private static WatchedCertificate watched(String owner, Duration left) {
        return new WatchedCertificate(OwnerKind.CONTACT_POINT, owner, "encryption", owner.toLowerCase().repeat(64).substring(0, 64),
                "CN=" + owner, NOW.plus(left));
    }

    private static Issued issue(String stem, Duration left) {
        return ca.endEntity("Expiry " + stem).ec("secp256r1").validity(NOW.minus(Duration.ofDays(1)), NOW.plus(left)).issue(stem);
    }

    private static ContactPoint contactPoint(String id, Optional<java.security.cert.X509Certificate> certificate) {
        return new ContactPoint(id, id, "VN", Set.of(), URI.create("mailto:" + id.toLowerCase() + "@contact.example"), certificate, null);
    }
}
