package org.dragongate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.dragongate.crypto.Certificates;
import org.dragongate.store.AuditChain;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.store.GatewayInstance;
import org.dragongate.testing.DirectoryFiles;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Issued;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contact-point} as an administrator runs it: exit codes, one-line answers and errors, the actor on the audit trail. */
class ContactPointCommandsTest {
    private static final String KR = "KR-KCS";

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private AdminCommands cli;

    @BeforeEach
    void gatewayDatabaseWithAContactPoint() {
        Database.open(DatabaseSettings.embedded(dataDir)).close();
        cli = new AdminCommands(dataDir, Map.of("P12_PASSWORD", "p12-secret"));
        assertThat(cli.run("contact-point", "add", KR, "--name", "Korea Customs", "--country", "KR", "--category", "NARCOTICS,WILDLIFE",
                "--endpoint", "https://kcs.example/notices", "--bearer-token-env", "DRAGONGATE_TOKEN_KR")).as(cli.err).isZero();
        assertThat(cli.out).startsWith("ADDED KR-KCS").contains("ACTIVE").contains("NARCOTICS,WILDLIFE").contains("Korea Customs");
    }

    @Test
    void addingTwiceOrWithASecretForANameExitsOneWithOneLine() {
        assertThat(cli.run("contact-point", "add", KR, "--country", "KR", "--category", "OTHER", "--endpoint", "mailto:kr@kcs.example")).isOne();
        assertThat(cli.err).isEqualTo("ERROR: contact point KR-KCS is already registered" + System.lineSeparator());
        assertThat(cli.run("contact-point", "add", "JP-NPA", "--country", "JP", "--category", "OTHER", "--endpoint", "https://npa.example/x",
                "--bearer-token-env", "eyJhbGciOi.secret")).isOne();
        assertThat(cli.err).startsWith("ERROR: the bearer token must be given as the NAME of an environment variable").doesNotContain("\tat ");
        assertThat(cli.run("contact-point", "add", "JP-NPA", "--country", "JP", "--category", "DRUGS", "--endpoint", "https://npa.example/x"))
                .isOne();
        assertThat(cli.err).startsWith("ERROR: category 'DRUGS' is not one of");
    }

    @Test
    void suspendingHoldsDeliveriesAndShowSaysSo() {
        assertThat(cli.run("contact-point", "suspend", KR, "--reason", "server move")).isZero();
        assertThat(cli.out).startsWith("SUSPENDED KR-KCS").contains("SUSPENDED");
        assertThat(cli.run("contact-point", "show", KR)).isZero();
        assertThat(cli.out).contains("bearer token from $DRAGONGATE_TOKEN_KR")
                .contains("SUSPENDED (server move): notices are still routed to it; 0 deliveries are held (queued, not sent) until 'contact-point resume KR-KCS'")
                .contains("encryption certificates: none");
        assertThat(cli.run("contact-point", "resume", KR)).isZero();
        assertThat(cli.run("contact-point", "list")).isZero();
        assertThat(cli.out).startsWith("KR-KCS").contains("ACTIVE");
        assertThat(cli.run("contact-point", "show", "JP-NPA")).isOne();
        assertThat(cli.err).isEqualTo("ERROR: no contact point JP-NPA is registered ('contact-point list' shows them)" + System.lineSeparator());
    }

    @Test
    void anEncryptionCertificateIsImportedFromPkcs12ListedRevokedAndRemovedWithTheActorAudited() throws Exception {
        var ca = TestCertificates.authority("KR CA", files);
        Issued encryption = ca.endEntity("KCS encryption").keyUsage(KeyUsage.keyEncipherment).issue("kcs");
        Path p12 = DirectoryFiles.pkcs12(encryption, "p12-secret".toCharArray(), files.resolve("kcs.p12"));
        String sha256 = Certificates.fingerprint(encryption.certificate());

        assertThat(cli.run("contact-point", "cert", "import", "--contact-point", KR, "--file", p12.toString())).isOne();
        assertThat(cli.err).contains("is a PKCS#12 file: give its password (--password-env VAR)");
        assertThat(cli.run("contact-point", "cert", "import", "--contact-point", KR, "--file", p12.toString(), "--password-env", "UNSET_VAR")).isOne();
        assertThat(cli.err).isEqualTo("ERROR: environment variable UNSET_VAR is not set" + System.lineSeparator());
        assertThat(cli.run("contact-point", "cert", "import", "--contact-point", KR, "--file", p12.toString(), "--password-env", "P12_PASSWORD"))
                .as(cli.err).isZero();
        assertThat(cli.out).startsWith("IMPORTED KR-KCS           " + sha256 + "  IN-USE");
        assertThat(cli.run("contact-point", "cert", "import", "--contact-point", KR, "--file", encryption.certificateFile().toString())).isOne();
        assertThat(cli.err).startsWith("ERROR: encryption certificate ").contains("is already registered for contact point KR-KCS");
        assertThat(cli.run("contact-point", "cert", "revoke", "--contact-point", KR, sha256.substring(0, 12), "--reason", "key lost")).isZero();
        assertThat(cli.run("contact-point", "cert", "list", "--contact-point", KR)).isZero();
        assertThat(cli.out).contains(sha256 + "  REVOKED").contains("key lost");
        assertThat(cli.run("contact-point", "cert", "remove", "--contact-point", KR, sha256)).isZero();
        assertThat(cli.run("contact-point", "cert", "list")).isZero();
        assertThat(cli.out).isEqualTo("no certificates registered" + System.lineSeparator());
        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(new AuditChain(db).latest("contact-point:" + KR, 10)).hasSize(4)
                    .allSatisfy(record -> assertThat(record.actor()).isEqualTo(GatewayInstance.administrator()));
        }
    }

    @Test
    void aPrivateKeyASigningCertificateAndAnExpiredOneAreRefusedClearly() {
        var ca = TestCertificates.authority("KR CA", files);
        Issued signing = ca.endEntity("KCS signer").issue("kcs-signer");
        Instant now = Instant.now();
        Issued expired = ca.endEntity("KCS old").keyUsage(KeyUsage.keyEncipherment)
                .validity(now.minus(400, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)).issue("kcs-old");

        assertThat(cli.run("contact-point", "cert", "import", "--contact-point", KR, "--file", signing.keyFile().toString())).isOne();
        assertThat(cli.err).startsWith("ERROR: " + signing.keyFile() + " holds a private key");
        assertThat(cli.run("contact-point", "cert", "import", "--contact-point", KR, "--file", signing.certificateFile().toString())).isOne();
        assertThat(cli.err).startsWith("ERROR: the certificate is not an encryption certificate");
        assertThat(cli.run("contact-point", "cert", "import", "--contact-point", KR, "--file", expired.certificateFile().toString())).isOne();
        assertThat(cli.err).startsWith("ERROR: certificate ").contains("expired on").contains("--allow-expired");
        assertThat(cli.run("contact-point", "cert", "import", "--contact-point", KR, "--file", expired.certificateFile().toString(),
                "--allow-expired")).isZero();
        assertThat(cli.err).startsWith("WARNING: certificate ").contains("never accepted or used");
        assertThat(cli.out).contains("ENDED");
    }

    @Test
    void theShippedFileIsImportedWithImportYaml() {
        assertThat(cli.run("contact-point", "import-yaml", "config/contact-points.yaml")).isZero();
        assertThat(cli.out).startsWith("IMPORTED ").contains(" contact points, ").contains("certificates from config/contact-points.yaml");
        assertThat(cli.run("contact-point", "import-yaml", "config/contact-points.yaml")).isOne();
        assertThat(cli.err).startsWith("ERROR: contact point ").contains("is already registered");
    }
}
