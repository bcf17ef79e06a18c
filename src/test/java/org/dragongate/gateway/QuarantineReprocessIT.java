package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;
import org.dragongate.pki.ExamplePki;
import org.dragongate.quarantine.QuarantineEntry;
import org.dragongate.testing.AdminCli;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.RecordingContactPoints;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestNotices;
import org.dragongate.testing.TestPki;
import org.dragongate.trust.PartnerDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administrator's way out of a refusal: a partner signs with a certificate from a CA the gateway
 * does not know yet, the package is quarantined; the administrator imports the CA and asks for a
 * reprocess on the command line, and the running gateway puts the archived package through the flow
 * again: the notice reaches the contact points, and the audit trail says who asked.
 */
class QuarantineReprocessIT {
    private static final String CN = ExamplePki.CN_GACC;

    @TempDir
    Path base;

    private RecordingContactPoints contactPoints;
    private GatewayFixture gw;

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
    void aPackageRefusedForAnUnknownSignerIsDeliveredOnceTheCaIsImportedAndItIsReprocessed() throws Exception {
        contactPoints = RecordingContactPoints.start();
        gw = GatewayFixture.start(base);
        gw.startGateway(Map.of("gateway.contact-points-file", gw.contactPointsAt(contactPoints.port()).toString(),
                "delivery.poll-period", "200", "gateway.directory-refresh-seconds", "1", "gateway.requests-poll-period", "200",
                "gateway.instance-id", "gw-q"));
        TestCertificates.Authority newCa = TestCertificates.authority("GACC Rollover CA", base.resolve("new-ca"));
        Path sealed = sealedBy(newCa.endEntity("GACC Rollover Signer").issue("rollover-signer"), TestNotices.alert(CN, "CN-Q-1"));
        String sha = GatewayFixture.sha256(sealed);
        AdminCli cli = new AdminCli(gw.dataDir());

        gw.upload(CN, sealed, "rollover.p7m");
        QuarantineEntry refused = gw.awaitQuarantined(sha);
        assertThat(refused.reason()).isEqualTo("UNKNOWN_SIGNER");
        assertThat(cli.run("quarantine", "list").out()).contains(refused.id(), "OPEN", "UNKNOWN_SIGNER", "GACC Rollover Signer");

        assertThat(cli.run("cert", "import", "--partner", CN, "--file", newCa.certificateFile().toString()).exit()).isZero();
        PartnerDirectory directory = gw.gateway().getCamelContext().getRegistry().lookupByNameAndType("partnerDirectory", PartnerDirectory.class);
        GatewayFixture.await("the gateway to read the new CA", () -> directory.find(CN).orElseThrow().trustAnchors()
                .contains(newCa.certificate()) ? true : null);
        AdminCli.Run reprocess = cli.run("quarantine", "reprocess", refused.id());
        assertThat(reprocess.exit()).as(reprocess.err()).isZero();
        assertThat(reprocess.out()).startsWith("REQUESTED R-");

        gw.awaitCount(2, "SELECT COUNT(*) FROM delivery WHERE notice_id = ? AND state = 'DELIVERED'", "CN-GACC.CN-Q-1.v1");
        assertThat(gw.awaitAcceptedReceipt(CN, sha)).contains("reference=\"CN-Q-1\"");
        List<String> events = gw.tracking().events(sha);
        assertThat(events).startsWith("RECEIVED [gw-q]", "REFUSED [gw-q]").contains("ACCEPTED [gw-q]");
        assertThat(events.subList(events.indexOf("REFUSED [gw-q]"), events.size())).anyMatch(e -> e.startsWith("ADMIN_ACTION [admin "))
                .containsSubsequence("RECEIVED [gw-q]", "OPENED [gw-q]", "ACCEPTED [gw-q]");
        assertThat(gw.tracking().audit()).anyMatch(r -> r.startsWith("RECEIVED " + sha + " [gw-q]") && r.contains("was QUARANTINED")
                && r.contains("REPROCESS request R-"));
        gw.awaitCount(1, "SELECT COUNT(*) FROM package_request WHERE package_sha256 = ? AND state = 'QUEUED'", sha);
        assertThat(cli.run("quarantine", "show", refused.id()).out()).contains("REPROCESSED", "REPROCESS R-", "QUEUED",
                "package     " + sha);
        assertThat(gw.tracking().auditChainIntact()).isTrue();
    }

    private Path sealedBy(TestCertificates.Issued signer, String notice) throws Exception {
        Path noticeFile = Files.writeString(base.resolve("notice.xml"), notice);
        Path sealed = base.resolve("rollover.p7m");
        try (OutputStream out = Files.newOutputStream(sealed)) {
            new PackageSealer().seal(signer.keyMaterial(), List.of(TestPki.shared().gatewayCertificate()), noticeFile, List.of(),
                    SealOptions.defaults(), out);
        }
        return sealed;
    }
}
