package org.dragongate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.dragongate.crypto.Certificates;
import org.dragongate.directory.NewPartner;
import org.dragongate.directory.PartnerCertificates.ImportOptions;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Authority;
import org.dragongate.testing.TestCertificates.Issued;
import org.dragongate.testing.TestPki;
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
        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            PartnerRegistry registry = new PartnerRegistry(db, new AuditTrail(java.time.Clock.systemUTC()), java.time.Clock.systemUTC());
            registry.add(new NewPartner("CN-GACC", null, "CN", null, Set.of(), false), "admin test");
            registry.certificates().importCertificate("CN-GACC", partner.certificate().getEncoded(), "test", null, ImportOptions.DEFAULTS,
                    "admin test");
        }
        Files.writeString(files.resolve("contact-points.yaml"), """
                contactPoints:
                  - id: VN-ENV-POLICE
                    country: VN
                    categories: [WILDLIFE]
                    endpoint: mailto:intel@vn-env-police.example
                    encryptionCertificate: %s
                """.formatted(contactPoint.certificateFile()));
    }

    @Test
    void listsEveryWatchedCertificateSoonestFirstWithStateAndDaysLeft() throws Exception {
        int exit = run("cert", "expiry", "--config", settings(ExamplePki.DEMO_PASSWORD).toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        String[] lines = out.toString().split(System.lineSeparator());
        assertThat(lines[0]).startsWith("STATE").contains("DAYS").contains("NOT-AFTER").contains("OWNER").contains("SHA256");
        // Ten days from the moment the certificate was made: a little less than that now, so 9 whole days (10 in the same instant).
        assertThat(lines[1]).containsPattern("^WARNING/14 +(9|10) ").contains("PARTNER").contains("CN-GACC").contains("pinned signer")
                .contains(partnerSha.substring(0, 16)).contains("'CN=Partner Signer,O=Dragongate Tests'");
        assertThat(lines[2]).startsWith("OK").contains("CONTACT_POINT").contains("VN-ENV-POLICE").contains("encryption")
                .contains(contactPointSha.substring(0, 16));
        assertThat(lines).hasSize(6).filteredOn(line -> line.contains("GATEWAY")).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("OK"));
    }

    @Test
    void withinDaysKeepsOnlyThoseEndingByThen() throws Exception {
        int exit = run("cert", "expiry", "--within", "14", "--config", settings(ExamplePki.DEMO_PASSWORD).toString());

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).hasSize(2).last().asString().contains("CN-GACC");
    }

    /** An administrator's shell may lack the key password the gateway has: the rest is listed, and the gap said. */
    @Test
    void keysThatCannotBeReadAreNamedAndTheRestIsListed() throws Exception {
        int exit = run("cert", "expiry", "--config", settings("not-the-password").toString());

        assertThat(exit).isZero();
        assertThat(err.toString()).startsWith("WARNING: gateway keys not listed").contains("wrong password");
        assertThat(out.toString()).contains("CN-GACC").contains("VN-ENV-POLICE").doesNotContain("GATEWAY");
    }

    private Path settings(String keyPassword) throws Exception {
        TestPki pki = TestPki.shared();
        return Files.writeString(files.resolve("application.properties"), String.join("\n",
                "gateway.keys = " + pki.gatewayFile("encryption.p12") + ", " + pki.gatewayFile("encryption-ec.p12"),
                "gateway.signing-key = " + pki.gatewayFile(ExamplePki.SIGNING + ".p12"),
                "gateway.key-password = " + keyPassword,
                "gateway.contact-points-file = " + files.resolve("contact-points.yaml"), ""));
    }

    private int run(String... args) {
        CommandRun run = CommandRun.withDataDir(dataDir, args);
        out = run.out();
        err = run.err();
        return run.exit();
    }
}
