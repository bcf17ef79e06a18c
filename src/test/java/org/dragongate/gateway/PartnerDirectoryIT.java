package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import org.dragongate.crypto.Certificates;
import org.dragongate.directory.PartnerBootstrap;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.pki.ExamplePki;
import org.dragongate.quarantine.QuarantineEntry;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.TestPki;
import org.dragongate.trust.CertificateFiles;
import org.dragongate.trust.PartnerDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway on an empty database imports the partners file once and checks packages against the
 * directory in the database; a partner an administrator suspends there is refused after the next
 * refresh, without a restart.
 */
class PartnerDirectoryIT {
    private static final String CN = ExamplePki.CN_GACC;

    @TempDir
    Path base;

    private GatewayFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theImportedDirectoryOpensPackagesAndASuspendedPartnerIsRefusedAfterTheRefresh() throws Exception {
        fixture = GatewayFixture.start(base.resolve("jail")).startGateway(Map.of("gateway.directory-refresh-seconds", "1"));
        Path before = fixture.seal(CN);
        fixture.upload(CN, before, "before.p7m");
        fixture.awaitOpened(GatewayFixture.sha256(before));
        fixture.awaitCount(ExamplePki.PARTNER_IDS.size(), "SELECT COUNT(*) FROM partner");
        // Per partner: itself and its CA; HK-CED's CRL besides. (The first start imports contact points and keys too, under their own subjects.)
        fixture.awaitCount(ExamplePki.PARTNER_IDS.size() * 2L + 1, "SELECT COUNT(*) FROM audit WHERE actor = ? AND event = 'ADMIN_ACTION'"
                + " AND subject LIKE 'partner:%'", PartnerBootstrap.ACTOR);

        Database database = fixture.gateway().getCamelContext().getRegistry().lookupByNameAndType("database", Database.class);
        new PartnerRegistry(database, new AuditTrail(Clock.systemUTC()), Clock.systemUTC()).suspend(CN, "contract review", "admin it@test");
        PartnerDirectory directory = fixture.gateway().getCamelContext().getRegistry().lookupByNameAndType("partnerDirectory", PartnerDirectory.class);
        GatewayFixture.await("the gateway to read the suspension", () -> directory.find(CN).isEmpty() ? true : null);
        Path after = fixture.seal(CN);
        fixture.upload(CN, after, "after.p7m");

        QuarantineEntry refused = fixture.awaitQuarantined(GatewayFixture.sha256(after));
        assertThat(refused.reason()).isEqualTo("UNKNOWN_SIGNER");
        assertThat(refused.message()).isEqualTo("the channel belongs to partner 'CN-GACC', which is not registered with the gateway or is suspended");
        assertThat(directory.find(ExamplePki.AU_ABF)).as("the other partners are untouched").isPresent();
    }

    /**
     * The partner's CA certificate revoked by the administrators: a package signed under it is quarantined
     * with a reason code of its own, and the partner gets a REJECTED receipt naming the CA and what to do.
     */
    @Test
    void aPackageSignedUnderARevokedCaIsRefusedByNameInQuarantineAndInTheReceipt() throws Exception {
        fixture = GatewayFixture.start(base.resolve("jail")).startGateway(Map.of("gateway.directory-refresh-seconds", "1"));
        Database database = fixture.gateway().getCamelContext().getRegistry().lookupByNameAndType("database", Database.class);
        fixture.awaitCount(1, "SELECT COUNT(*) FROM partner WHERE partner_id = ?", CN);
        X509Certificate ca = CertificateFiles.certificate(TestPki.shared().partnerFile(CN, ExamplePki.CA_CERT_FILE));
        String sha256 = Certificates.fingerprint(ca);
        new PartnerRegistry(database, new AuditTrail(Clock.systemUTC()), Clock.systemUTC()).certificates()
                .revoke(CN, sha256, "key compromise", "admin it@test");
        PartnerDirectory directory = fixture.gateway().getCamelContext().getRegistry().lookupByNameAndType("partnerDirectory", PartnerDirectory.class);
        GatewayFixture.await("the gateway to read the revocation", () -> directory.find(CN).orElseThrow().outOfUse().isEmpty() ? null : true);
        Path sealed = fixture.seal(CN);
        fixture.upload(CN, sealed, "revoked.p7m");

        QuarantineEntry refused = fixture.awaitQuarantined(GatewayFixture.sha256(sealed));
        assertThat(refused.reason()).isEqualTo("SIGNER_CERTIFICATE_REVOKED");
        assertThat(refused.message()).contains(sha256.substring(0, 16), "revoked by the gateway administrators on",
                "import your new CA certificate");
        assertThat(fixture.awaitReceipt(CN, GatewayFixture.sha256(sealed), "REJECTED")).contains("SIGNER_CERTIFICATE_REVOKED")
                .contains(sha256.substring(0, 16)).doesNotContain("key compromise");
    }
}
