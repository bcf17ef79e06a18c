package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.dragongate.crypto.AlgorithmPolicy;
import org.dragongate.crypto.Certificates;
import org.dragongate.crypto.GatewayKeys;
import org.dragongate.crypto.OpenLimits;
import org.dragongate.crypto.OpenedPackage;
import org.dragongate.crypto.PackageOpener;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;
import org.dragongate.keys.GatewayKeyRecord;
import org.dragongate.keys.GatewayKeyRegistry;
import org.dragongate.keys.KeyPurpose;
import org.dragongate.keys.Keyring;
import org.dragongate.directory.Refreshing;
import org.dragongate.pki.ExamplePki;
import org.dragongate.quarantine.QuarantineEntry;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.RecordingContactPoints;
import org.dragongate.testing.TestNotices;
import org.dragongate.testing.TestPki;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key rollover on a running gateway, driven as an administrator does it (generate, activate, retire)
 * and seen from outside: during the overlap packages sealed for the old and for the new decryption key
 * both open, the new signing key signs deliveries and receipts, and once the old key is retired a
 * package sealed for it is refused with a reason that names it. No restart.
 */
class GatewayKeyRolloverIT {
    private static final String CN = ExamplePki.CN_GACC;
    private static final String ADMIN = "admin it@test";

    @TempDir
    Path base;

    private GatewayFixture gw;
    private RecordingContactPoints contactPoints;

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (contactPoints != null) {
            contactPoints.close();
        }
    }

    @Test
    void oldAndNewKeysOpenDuringTheOverlapTheNewOneSignsAndTheRetiredOneIsRefusedByName() throws Exception {
        contactPoints = RecordingContactPoints.start();
        gw = GatewayFixture.start(base);
        gw.startGateway(Map.of("gateway.contact-points-file", gw.contactPointsAt(contactPoints.port()).toString(),
                "gateway.directory-refresh-seconds", "1", "delivery.poll-period", "200"));
        Database database = gw.gateway().getCamelContext().getRegistry().lookupByNameAndType("database", Database.class);
        @SuppressWarnings("unchecked")
        Refreshing<Keyring> keyring = gw.gateway().getCamelContext().getRegistry().lookupByNameAndType("gatewayKeyring", Refreshing.class);
        GatewayKeyRegistry keys = new GatewayKeyRegistry(database, new AuditTrail(Clock.systemUTC()), Clock.systemUTC(),
                ExamplePki.DEMO_PASSWORD.toCharArray());
        String oldDecryption = Certificates.fingerprint(TestPki.shared().gatewayCertificate());

        GatewayKeyRecord decryption = keys.generate(KeyPurpose.DECRYPTION, "rsa", "Gateway decryption 2027", Duration.ofDays(365), ADMIN);
        GatewayKeyRecord signing = keys.generate(KeyPurpose.SIGNING, "ec", "Gateway signing 2027", Duration.ofDays(365), ADMIN);
        keys.activate(decryption.sha256(), ADMIN);
        keys.activate(signing.sha256(), ADMIN);
        X509Certificate newDecryption = keys.certificate(decryption.sha256());
        X509Certificate newSigning = keys.certificate(signing.sha256());
        GatewayFixture.await("the gateway to read the activations", () -> keyring.get().decryption().active().size() == 3
                && keyring.get().signing().certificate().equals(newSigning) ? true : null);

        Path forOld = gw.seal(CN);
        Path forNew = sealFor(newDecryption);
        gw.upload(CN, forOld, "for-old.p7m");
        gw.upload(CN, forNew, "for-new.p7m");
        for (Path sealed : List.of(forOld, forNew)) {
            String sha256 = GatewayFixture.sha256(sealed);
            assertThat(gw.awaitAcceptedReceipt(CN, sha256)).contains("ACCEPTED");
            assertThat(signedBy(receipt(sha256), newSigning)).as("the receipt is signed by the new key").isTrue();
        }
        gw.awaitCount(4, "SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'");
        assertThat(contactPoints.deliveries()).hasSize(4).allSatisfy(delivery -> {
            String contactPoint = delivery.getRequest().getUrl().substring("/contact-points/".length());
            assertThat(signerOfDelivery(contactPoint, delivery.getRequest().getBody(), newSigning)).isEqualTo(newSigning);
        });

        keys.retire(oldDecryption, "rollover done", ADMIN);
        GatewayFixture.await("the gateway to read the retirement", () -> keyring.get().decryption().retired().size() == 1 ? true : null);
        Path late = gw.seal(CN);
        gw.upload(CN, late, "late.p7m");

        QuarantineEntry refused = gw.awaitQuarantined(GatewayFixture.sha256(late));
        assertThat(refused.reason()).isEqualTo("NOT_FOR_US");
        assertThat(refused.message()).startsWith("the package is encrypted for the gateway key '"
                + TestPki.shared().gatewayCertificate().getSubjectX500Principal().getName() + "'").contains(", retired on ")
                .contains("encrypt it for the current gateway certificate");
        Path stillNew = sealFor(newDecryption);
        gw.upload(CN, stillNew, "still-new.p7m");
        assertThat(gw.awaitAcceptedReceipt(CN, GatewayFixture.sha256(stillNew))).contains("ACCEPTED");
    }

    private Path sealFor(X509Certificate gatewayCertificate) throws Exception {
        Path notice = Files.writeString(base.resolve("notice-" + UUID.randomUUID() + ".xml"),
                TestNotices.alert(CN, CN + "-" + UUID.randomUUID()), StandardCharsets.UTF_8);
        Path sealed = base.resolve("packages-" + UUID.randomUUID() + ".p7m");
        try (OutputStream out = Files.newOutputStream(sealed)) {
            new PackageSealer().seal(TestPki.shared().signer(CN), List.of(gatewayCertificate), notice, List.of(), SealOptions.defaults(), out);
        }
        return sealed;
    }

    private byte[] receipt(String packageSha256) throws Exception {
        try (Stream<Path> files = Files.list(gw.inbox(CN).resolve("receipts"))) {
            return Files.readAllBytes(files.filter(f -> f.getFileName().toString().startsWith("receipt-" + packageSha256.substring(0, 12)))
                    .findFirst().orElseThrow());
        }
    }

    private static boolean signedBy(byte[] signedData, X509Certificate certificate) throws Exception {
        X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
        return new CMSSignedData(signedData).getSignerInfos().getSigners().stream().allMatch(signer -> signer.getSID().match(holder));
    }

    /** Opens the delivery as the contact point does, trusting only the new signing certificate, and returns who signed it. */
    private X509Certificate signerOfDelivery(String contactPointId, byte[] body, X509Certificate trusted) {
        Partner gateway = new Partner("GATEWAY", "Dragongate", List.of(), List.of(trusted), List.of(), false, Set.of());
        PackageOpener opener = new PackageOpener(GatewayKeys.of(TestPki.shared().contactPointKey(contactPointId)), PartnerDirectory.of(gateway),
                AlgorithmPolicy.strict(), OpenLimits.defaults(), base, Clock.systemUTC());
        try (OpenedPackage opened = opener.open(new ByteArrayInputStream(body), "GATEWAY")) {
            return opened.signer();
        } catch (Exception e) {
            throw new AssertionError("the delivery to " + contactPointId + " does not open as signed by the new key: " + e.getMessage(), e);
        }
    }
}
