package org.dragongate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.dragongate.crypto.Certificates;
import org.dragongate.keys.GatewayKeyBootstrap;
import org.dragongate.keys.GatewayKeyRegistry;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.AuditChain;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.store.GatewayInstance;
import org.dragongate.testing.DirectoryFiles;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestPki;
import org.dragongate.trust.CertificateFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway-key} as an administrator runs it on a gateway database with the example keys: a rollover, and each refusal. */
class GatewayKeyCommandsTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private AdminCommands cli;
    private String oldDecryption;
    private String oldSigning;

    @BeforeEach
    void gatewayDatabaseWithItsFirstKeys() throws Exception {
        TestPki pki = TestPki.shared();
        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            var keys = new GatewayKeyBootstrap(db, new AuditTrail(Clock.systemUTC()), Clock.systemUTC(), ExamplePki.DEMO_PASSWORD.toCharArray())
                    .importIfEmpty(List.of(pki.gatewayFile("encryption.p12")), pki.gatewayFile("signing.p12")).orElseThrow();
            oldDecryption = keys.get(0).sha256();
            oldSigning = keys.get(1).sha256();
        }
        cli = new AdminCommands(dataDir, Map.of("GATEWAY_KEY_PASSWORD", ExamplePki.DEMO_PASSWORD, "P12_PASSWORD", "p12-secret"));
    }

    @Test
    void aRolloverGeneratesActivatesRetiresAndExportsWithTheActorAudited() throws Exception {
        Path pem = files.resolve("new-decryption.pem");
        assertThat(cli.run("gateway-key", "generate", "--purpose", "decryption", "--algorithm", "ec", "--cn", "Gateway 2027",
                "--out", pem.toString())).as(cli.err).isZero();
        assertThat(cli.out).startsWith("GENERATED decryption PENDING").contains("EC P-256").contains("'CN=Gateway 2027,O=Dragongate'")
                .contains("certificate written to " + pem.toAbsolutePath());
        String fresh = Certificates.fingerprint(CertificateFiles.certificate(pem));
        assertThat(cli.run("gateway-key", "activate", fresh.substring(0, 12))).isZero();
        assertThat(cli.out).startsWith("ACTIVATED decryption ACTIVE   " + fresh);
        assertThat(cli.run("gateway-key", "list")).isZero();
        assertThat(cli.out.lines()).hasSize(3).anySatisfy(line -> assertThat(line).startsWith("decryption ACTIVE   " + oldDecryption + "  RSA "))
                .anySatisfy(line -> assertThat(line).startsWith("decryption ACTIVE   " + fresh + "  EC P-256  not after "))
                .anySatisfy(line -> assertThat(line).startsWith("signing    ACTIVE   " + oldSigning));
        assertThat(cli.run("gateway-key", "retire", oldDecryption, "--reason", "rollover 2027")).isZero();
        assertThat(cli.out).startsWith("RETIRED decryption RETIRED  " + oldDecryption).contains("retired: rollover 2027");
        assertThat(cli.run("gateway-key", "export-cert", oldDecryption.substring(0, 8))).isZero();
        assertThat(cli.out).startsWith("-----BEGIN CERTIFICATE-----");
        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(new AuditChain(db).latest(GatewayKeyRegistry.SUBJECT, 10)).filteredOn(r -> !r.actor().equals("bootstrap")).hasSize(3)
                    .allSatisfy(record -> assertThat(record.actor()).isEqualTo(GatewayInstance.administrator()));
        }
    }

    @Test
    void theLastActiveKeyOfAPurposeIsNotRetired() {
        assertThat(cli.run("gateway-key", "retire", oldSigning)).isOne();
        assertThat(cli.err).startsWith("ERROR: signing key " + oldSigning.substring(0, 16)).contains("is the gateway's last active signing key; "
                + "activate its successor first").doesNotContain("\tat ");
        assertThat(cli.run("gateway-key", "retire", oldDecryption)).isOne();
        assertThat(cli.err).contains("last active decryption key");
    }

    @Test
    void anImportTakesThePasswordFromTheEnvironmentAndRefusesWhatCannotServe() throws Exception {
        var ca = TestCertificates.authority("Gateway CA", files);
        Path p12 = DirectoryFiles.pkcs12(ca.endEntity("Gateway signing 2027").keyUsage(KeyUsage.digitalSignature).issue("gw-sign"),
                "p12-secret".toCharArray(), files.resolve("gw-sign.p12"));

        assertThat(cli.run("gateway-key", "import", "--purpose", "signing", "--file", p12.toString())).isEqualTo(2);
        assertThat(cli.err).contains("Missing required option: '--password-env=VAR'");
        assertThat(cli.run("gateway-key", "import", "--purpose", "signing", "--file", p12.toString(), "--password-env", "UNSET_VAR")).isOne();
        assertThat(cli.err).isEqualTo("ERROR: environment variable UNSET_VAR is not set" + System.lineSeparator());
        assertThat(cli.run("gateway-key", "import", "--purpose", "decryption", "--file", p12.toString(), "--password-env", "P12_PASSWORD")).isOne();
        assertThat(cli.err).contains("cannot serve as a decryption key: its key usage lacks keyEncipherment or keyAgreement");
        assertThat(cli.run("gateway-key", "import", "--purpose", "signing", "--file", p12.toString(), "--password-env", "P12_PASSWORD",
                "--key-password-env", "UNSET_VAR")).isOne();
        assertThat(cli.err).isEqualTo("ERROR: environment variable UNSET_VAR is not set" + System.lineSeparator());
        assertThat(cli.run("gateway-key", "import", "--purpose", "signing", "--file", p12.toString(), "--password-env", "P12_PASSWORD"))
                .as(cli.err).isZero();
        assertThat(cli.out).startsWith("IMPORTED signing    PENDING ");
        assertThat(cli.run("gateway-key", "import", "--purpose", "signing", "--file", p12.toString(), "--password-env", "P12_PASSWORD")).isOne();
        assertThat(cli.err).endsWith("is already registered" + System.lineSeparator());
        Files.writeString(files.resolve("not-a-key.p12"), "hello");
        assertThat(cli.run("gateway-key", "import", "--purpose", "signing", "--file", files.resolve("not-a-key.p12").toString(),
                "--password-env", "P12_PASSWORD")).isOne();
        assertThat(cli.err).contains("is not a readable PKCS#12 file");
        assertThat(cli.run("gateway-key", "generate", "--purpose", "authentication")).isOne();
        assertThat(cli.err).startsWith("ERROR: key purpose 'authentication' must be decryption or signing");
    }
}
