package org.dragongate.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.dragongate.crypto.Certificates;
import org.dragongate.directory.ContactPointRegistry;
import org.dragongate.directory.NewContactPoint;
import org.dragongate.directory.NewPartner;
import org.dragongate.directory.PartnerCertificates.ImportOptions;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.directory.UseWindow;
import org.dragongate.keys.GatewayKeyRecord;
import org.dragongate.keys.GatewayKeyRegistry;
import org.dragongate.keys.KeyPurpose;
import org.dragongate.notice.Category;
import org.dragongate.expiry.ExpiryStatus.State;
import org.dragongate.store.AuditTrail;
import org.dragongate.testing.DirectoryFiles;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Authority;
import org.dragongate.testing.TestCertificates.Issued;
import org.dragongate.testing.TestDatabases;
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

    /** A revoked encryption certificate is no longer used, so only the contact point's current one is watched. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void contactPointsActiveEncryptionCertificatesAreWatched(String kind) throws Exception {
        Issued current = encryptionCertificate("vn-encryption", Duration.ofDays(9));
        Issued revoked = encryptionCertificate("vn-encryption-old", Duration.ofDays(100));
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            ContactPointRegistry registry = new ContactPointRegistry(store.db(), new AuditTrail(time), time);
            registry.add(new NewContactPoint("VN-ENV-POLICE", null, "VN", Set.of(Category.WILDLIFE), "mailto:env@contact.example",
                    null, null, null), "admin test");
            for (Issued issued : List.of(current, revoked)) {
                registry.certificates().importCertificate("VN-ENV-POLICE", issued.certificate().getEncoded(), "test", null,
                        UseWindow.VALIDITY, false, "admin test");
            }
            registry.certificates().revoke("VN-ENV-POLICE", Certificates.fingerprint(revoked.certificate()), "replaced", "admin test");

            List<WatchedCertificate> watched = new ContactPointCertificateInventory(registry).certificates();

            assertThat(watched).containsExactly(new WatchedCertificate(OwnerKind.CONTACT_POINT, "VN-ENV-POLICE", "encryption",
                    Certificates.fingerprint(current.certificate()), current.certificate().getSubjectX500Principal().getName(),
                    NOW.plus(Duration.ofDays(9))));
        }
    }

    /**
     * A mutual-TLS client certificate is watched when the gateway can open its PKCS#12 file; one it cannot
     * (password variable unset, wrong password) is left out, said in the log, and does not stop the others.
     */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void contactPointsClientCertificatesAreWatchedWhenTheirFilesOpen(String kind) throws Exception {
        Issued client = issue("vn-client", Duration.ofDays(12));
        Path file = DirectoryFiles.pkcs12(client, "client-pw".toCharArray(), temp.resolve("vn-client.p12"));
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            ContactPointRegistry registry = new ContactPointRegistry(store.db(), new AuditTrail(time), time);
            for (String[] cp : new String[][] {{"VN-ENV-POLICE", "VN_TLS_PASSWORD"}, {"VN-UNSET", "VN_UNSET_PASSWORD"},
                    {"VN-WRONG", "VN_WRONG_PASSWORD"}}) {
                registry.add(new NewContactPoint(cp[0], null, "VN", Set.of(Category.WILDLIFE), "https://" + cp[0].toLowerCase() + ".example/in",
                        null, file.toString(), cp[1]), "admin test");
            }
            Map<String, String> environment = Map.of("VN_TLS_PASSWORD", "client-pw", "VN_WRONG_PASSWORD", "not-it");

            List<WatchedCertificate> watched = new ContactPointCertificateInventory(registry, environment::get).certificates();

            assertThat(watched).containsExactly(new WatchedCertificate(OwnerKind.CONTACT_POINT, "VN-ENV-POLICE", "mutual TLS client",
                    Certificates.fingerprint(client.certificate()), client.certificate().getSubjectX500Principal().getName(),
                    NOW.plus(Duration.ofDays(12))));
            assertThat(watched.get(0).advice()).startsWith("renew the gateway's client certificate for contact point VN-ENV-POLICE");
            assertThat(new ContactPointCertificateInventory(registry).certificates()).as("without the environment").isEmpty();
        }
    }

    /** Pending keys are watched (one about to be activated must not expire unnoticed); a retired key is not. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theGatewaysPendingAndActiveKeysAreWatchedAndRetiredOnesAreNot(String kind) throws Exception {
        try (TrackingStore store = TrackingStore.open(kind, temp, time)) {
            GatewayKeyRegistry registry = new GatewayKeyRegistry(store.db(), new AuditTrail(time), time, "at-rest".toCharArray());
            GatewayKeyRecord old = registry.generate(KeyPurpose.DECRYPTION, "ec", "Gateway 2026", Duration.ofDays(20), "admin test");
            GatewayKeyRecord current = registry.generate(KeyPurpose.DECRYPTION, "ec", "Gateway 2027", Duration.ofDays(365), "admin test");
            GatewayKeyRecord signing = registry.generate(KeyPurpose.SIGNING, "ec", "Gateway signing 2027", Duration.ofDays(300), "admin test");
            registry.activate(old.sha256(), "admin test");
            registry.activate(current.sha256(), "admin test");
            registry.retire(old.sha256(), "rolled over", "admin test");

            List<WatchedCertificate> watched = new GatewayCertificateInventory(registry).certificates();

            assertThat(watched).extracting(WatchedCertificate::ownerKind).containsOnly(OwnerKind.GATEWAY);
            assertThat(watched).extracting(WatchedCertificate::sha256, WatchedCertificate::purpose).containsExactlyInAnyOrder(
                    tuple(current.sha256(), "decryption key (active)"), tuple(signing.sha256(), "signing key (pending)"));
            assertThat(watched).filteredOn(w -> w.sha256().equals(signing.sha256())).extracting(WatchedCertificate::notAfter)
                    .containsExactly(signing.notAfter());
        }
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

    private static Issued encryptionCertificate(String stem, Duration left) {
        return ca.endEntity("Expiry " + stem).ec("secp256r1").keyUsage(KeyUsage.keyAgreement)
                .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(left)).issue(stem);
    }
}
