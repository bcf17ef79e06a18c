package org.dragongate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dragongate.crypto.Certificates;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.AuditChain;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.store.GatewayInstance;
import org.dragongate.testing.DirectoryFiles;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Authority;
import org.dragongate.testing.TestCertificates.Issued;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code partner}, {@code cert} and {@code crl} as an administrator runs them: exit codes, one-line answers and errors. */
class DirectoryCommandsTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private String out = "";
    private String err = "";
    private Authority ca;

    @BeforeEach
    void gatewayDatabaseWithAPartner() {
        Database.open(DatabaseSettings.embedded(dataDir)).close();
        ca = TestCertificates.authority("CLI Partner CA", files);
        assertThat(run("partner", "add", "CN-GACC", "--name", "China Customs", "--country", "CN", "--mail", "intel@cn-gacc.example")).isZero();
        assertThat(out.toString()).startsWith("ADDED CN-GACC").contains("ACTIVE").contains("intel@cn-gacc.example").contains("China Customs");
    }

    @Test
    void addingAPartnerTwiceExitsOneWithOneLineAndNoStackTrace() {
        int exit = run("partner", "add", "CN-GACC");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: partner CN-GACC is already registered" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anInvalidPartnerIdIsRefusedWithWhatIsExpected() {
        int exit = run("partner", "add", "cn gacc");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: partner id 'cn gacc' must be 2 to 64 upper-case letters, digits and '-'");
    }

    @Test
    void aCertificateIsImportedListedRevokedAndShownWithThePartner() throws Exception {
        Issued signer = ca.endEntity("CLI Signer").issue("signer");
        String sha256 = Certificates.fingerprint(signer.certificate());

        assertThat(run("cert", "import", "--partner", "CN-GACC", "--file", signer.certificateFile().toString(), "--use-until",
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("IMPORTED CN-GACC      pinned " + sha256 + "  IN-USE");
        assertThat(run("cert", "list", "--partner", "CN-GACC")).isZero();
        assertThat(out.toString()).contains(sha256).contains("IN-USE");
        assertThat(run("cert", "revoke", "--partner", "CN-GACC", sha256.substring(0, 10), "--reason", "key compromise")).isZero();
        assertThat(out.toString()).startsWith("REVOKED ").contains("REVOKED").contains("key compromise");
        assertThat(run("partner", "show", "CN-GACC")).isZero();
        assertThat(out.toString()).contains("certificates: 1").contains(sha256 + "  REVOKED").contains("CRLs: none");
        assertThat(run("cert", "remove", "--partner", "CN-GACC", sha256)).isZero();
        assertThat(run("cert", "list")).isZero();
        assertThat(out.toString()).isEqualTo("no certificates registered" + System.lineSeparator());
        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(new AuditChain(db).latest("partner:CN-GACC", 10)).hasSize(4)
                    .allSatisfy(record -> assertThat(record.actor()).isEqualTo(GatewayInstance.administrator()));
        }
    }

    @Test
    void aWindowOfUseOutsideTheValidityIsRefused() {
        Issued signer = ca.endEntity("CLI Signer").issue("signer");

        int exit = run("cert", "import", "--partner", "CN-GACC", "--file", signer.certificateFile().toString(), "--use-until", "2999-01-01");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: the window of use ").contains("must lie within the validity");
    }

    @Test
    void aPrivateKeyFileIsRefusedByName() {
        Issued signer = ca.endEntity("CLI Signer").issue("signer");

        int exit = run("cert", "import", "--partner", "CN-GACC", "--file", signer.keyFile().toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: " + signer.keyFile() + " holds a private key").doesNotContain("\tat ");
    }

    @Test
    void aPkcs12NeedsItsPasswordFromTheNamedEnvironmentVariable() {
        Path p12 = DirectoryFiles.pkcs12(ca.endEntity("CLI Signer").issue("signer"), "secret".toCharArray(), files.resolve("signer.p12"));

        assertThat(run("cert", "import", "--partner", "CN-GACC", "--file", p12.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is a PKCS#12 file: give its password (--password-env VAR)");
        assertThat(run("cert", "import", "--partner", "CN-GACC", "--file", p12.toString(), "--password-env", "DRAGONGATE_TEST_UNSET_VARIABLE"))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: environment variable DRAGONGATE_TEST_UNSET_VARIABLE is not set" + System.lineSeparator());
    }

    @Test
    void anExpiredCertificateNeedsTheFlagAndThenWarns() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Issued expired = ca.endEntity("Old Signer").validity(now.minus(300, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)).issue("old");

        assertThat(run("cert", "import", "--partner", "CN-GACC", "--file", expired.certificateFile().toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: certificate ").contains("expired on");
        assertThat(run("cert", "import", "--partner", "CN-GACC", "--file", expired.certificateFile().toString(), "--allow-expired")).isZero();
        assertThat(err.toString()).startsWith("WARNING: certificate ").contains("never accepted");
        assertThat(out.toString()).startsWith("IMPORTED ").contains("ENDED");
        assertThat(run("cert", "import", "--partner", "CN-GACC", "--file", expired.certificateFile().toString(), "--allow-expired")).isEqualTo(1);
        assertThat(err.toString()).contains("is already registered for partner CN-GACC");
    }

    @Test
    void suspendAndResumeChangeTheStatus() {
        assertThat(run("partner", "suspend", "CN-GACC", "--reason", "review")).isZero();
        assertThat(out.toString()).startsWith("SUSPENDED CN-GACC      SUSPENDED");
        assertThat(run("partner", "show", "CN-GACC")).isZero();
        assertThat(out.toString()).contains("  suspended because: review");
        assertThat(run("partner", "resume", "CN-GACC")).isZero();
        assertThat(out.toString()).startsWith("RESUMED CN-GACC      ACTIVE");
        assertThat(run("partner", "show", "CN-GACC")).isZero();
        assertThat(out.toString()).doesNotContain("suspended because");
        assertThat(run("partner", "suspend", "XX-NONE")).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: no partner XX-NONE is registered");
    }

    @Test
    void aPartnersFileAndACrlAreImported() throws Exception {
        TestPki pki = TestPki.shared();
        Path yaml = Files.writeString(files.resolve("partners.yaml"), "partners:\n  - id: HK-CED\n    trustAnchors: ['"
                + pki.partnerFile("HK-CED", ExamplePki.CA_CERT_FILE) + "']\n");

        assertThat(run("partner", "import-yaml", yaml.toString())).isZero();
        assertThat(out.toString()).isEqualTo("IMPORTED 1 partners, 1 certificates, 0 CRLs from " + yaml + System.lineSeparator());
        assertThat(run("crl", "import", "--partner", "HK-CED", "--file", pki.partnerFile("HK-CED", ExamplePki.CA_CRL_FILE).toString())).isZero();
        assertThat(out.toString()).startsWith("IMPORTED CRL ").contains(" for HK-CED: this update ");
        assertThat(run("partner", "list")).isZero();
        assertThat(out.toString().lines()).hasSize(2).anySatisfy(line -> assertThat(line).startsWith("HK-CED       ACTIVE"));
        assertThat(run("partner", "import-yaml", yaml.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: partner HK-CED is already registered" + System.lineSeparator());
        assertThat(run("crl", "import", "--partner", "HK-CED", "--file", files.resolve("missing.crl").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: cannot read " + files.resolve("missing.crl"));
    }

    /** Each run starts with empty output, so each assertion reads only that command's answer. */
    private int run(String... args) {
        CommandRun run = CommandRun.withDataDir(dataDir, args);
        out = run.out();
        err = run.err();
        return run.exit();
    }
}
