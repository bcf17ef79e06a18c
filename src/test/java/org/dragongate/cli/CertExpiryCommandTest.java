package org.dragongate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.dragongate.crypto.Certificates;
import org.dragongate.directory.ContactPointRegistry;
import org.dragongate.directory.NewContactPoint;
import org.dragongate.directory.NewPartner;
import org.dragongate.directory.PartnerCertificates.ImportOptions;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.directory.UseWindow;
import org.dragongate.keys.GatewayKeyRegistry;
import org.dragongate.keys.KeyPurpose;
import org.dragongate.notice.Category;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Authority;
import org.dragongate.testing.TestCertificates.Issued;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cert expiry} as an administrator runs it: every watched certificate in one table, soonest first. */
class CertExpiryCommandTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private String out = "";
    private String err = "";
    private String partnerSha;
    private String contactPointSha;

    @BeforeEach
    void gatewayWithAPartnerAndAContactPointCertificateEndingSoon() throws Exception {
        Authority ca = TestCertificates.authority("Expiry CLI CA", files);
        Issued partner = ca.endEntity("Partner Signer").ec("secp256r1").validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)))
                .issue("partner");
        Issued contactPoint = ca.endEntity("Contact Point Encryption").ec("secp256r1").keyUsage(KeyUsage.keyAgreement)
                .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(40))).issue("contact-point");
        partnerSha = Certificates.fingerprint(partner.certificate());
        contactPointSha = Certificates.fingerprint(contactPoint.certificate());
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            PartnerRegistry partners = new PartnerRegistry(db, new AuditTrail(clock), clock);
            partners.add(new NewPartner("CN-GACC", null, "CN", null, Set.of(), false), "admin test");
            partners.certificates().importCertificate("CN-GACC", partner.certificate().getEncoded(), "test", null, ImportOptions.DEFAULTS,
                    "admin test");
            ContactPointRegistry contactPoints = new ContactPointRegistry(db, new AuditTrail(clock), clock);
            contactPoints.add(new NewContactPoint("VN-ENV-POLICE", null, "VN", Set.of(Category.WILDLIFE), "mailto:intel@vn-env-police.example",
                    null, null, null), "admin test");
            contactPoints.certificates().importCertificate("VN-ENV-POLICE", contactPoint.certificate().getEncoded(), "test", null,
                    UseWindow.VALIDITY, false, "admin test");
            GatewayKeyRegistry keys = new GatewayKeyRegistry(db, new AuditTrail(clock), clock, "at-rest".toCharArray());
            keys.generate(KeyPurpose.DECRYPTION, "ec", "Gateway", Duration.ofDays(365), "admin test");
            keys.generate(KeyPurpose.SIGNING, "ec", "Gateway signing", Duration.ofDays(365), "admin test");
        }
    }

    @Test
    void listsEveryWatchedCertificateSoonestFirstWithStateAndDaysLeft() throws Exception {
        int exit = run("cert", "expiry");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        String[] lines = out.toString().split(System.lineSeparator());
        assertThat(lines[0]).startsWith("STATE").contains("DAYS").contains("NOT-AFTER").contains("OWNER").contains("SHA256");
        // Ten days from the moment the certificate was made: a little less than that now, so 9 whole days (10 in the same instant).
        assertThat(lines[1]).containsPattern("^WARNING/14 +(9|10) ").contains("PARTNER").contains("CN-GACC").contains("pinned signer")
                .contains(partnerSha.substring(0, 16)).contains("'CN=Partner Signer,O=Dragongate Tests'");
        assertThat(lines[2]).startsWith("OK").contains("CONTACT_POINT").contains("VN-ENV-POLICE").contains("encryption")
                .contains(contactPointSha.substring(0, 16));
        assertThat(lines).hasSize(5).filteredOn(line -> line.contains("GATEWAY")).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("OK"));
    }

    @Test
    void withinDaysKeepsOnlyThoseEndingByThen() throws Exception {
        int exit = run("cert", "expiry", "--within", "14");

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).hasSize(2).last().asString().contains("CN-GACC");
    }

    private int run(String... args) {
        CommandRun run = CommandRun.withDataDir(dataDir, args);
        out = run.out();
        err = run.err();
        return run.exit();
    }
}
