package org.dragongate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The jar's commands as a person types them: help everywhere, and the exit codes scripts rely on. */
class CommandLineTest {
    private final TestPki pki = TestPki.shared();

    @ParameterizedTest
    @ValueSource(strings = {"run", "demo", "seal", "open", "quarantine", "quarantine list", "send-mail", "keys-example",
            "bench", "bench crypto", "bench csv", "dead-letter", "dead-letter list", "dead-letter redrive", "audit", "audit verify",
            "audit list", "trace"})
    void everyCommandExplainsItselfWithHelp(String command) {
        StringWriter out = new StringWriter();
        CommandLine cli = DragongateCli.commandLine();
        cli.setOut(new PrintWriter(out));
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        int exit = cli.execute(args.toArray(String[]::new));

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: dragongate " + command).contains("--help");
    }

    @Test
    void sealThenOpenReturnsTheNoticeWithExitZero(@TempDir Path dir) throws Exception {
        Path notice = Files.writeString(dir.resolve("notice.xml"), "<notice><id>CLI-1</id></notice>");
        Path sealed = dir.resolve("notice.p7m");
        Path opened = dir.resolve("opened.xml");

        int sealExit = DragongateCli.commandLine().execute("seal", "--key", pki.partnerFile("CN-GACC", "signer.p12").toString(),
                "--key-password", "dragongate-demo", "--to", pki.gatewayFile("encryption.pem").toString(),
                "--out", sealed.toString(), notice.toString());
        int openExit = DragongateCli.commandLine().execute("open", "--key", pki.gatewayFile("encryption.p12").toString(),
                "--key-password", "dragongate-demo", "--trust", pki.partnerFile("CN-GACC", "ca.pem").toString(),
                "--work-dir", dir.toString(), "--out", opened.toString(), sealed.toString());

        assertThat(sealExit).isZero();
        assertThat(openExit).isZero();
        assertThat(Files.readString(opened)).isEqualTo("<notice><id>CLI-1</id></notice>");
    }

    /** Scripts tell a refused package (3) from a usage error (2) or a failure (1). */
    @Test
    void openOfARefusedPackageExitsThreeWithOneRejectedLine(@TempDir Path dir) throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.p7m"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = DragongateCli.commandLine().execute("open", "--key", pki.gatewayFile("encryption.p12").toString(),
                    "--key-password", "dragongate-demo", "--trust", pki.partnerFile("CN-GACC", "ca.pem").toString(),
                    "--work-dir", dir.toString(), garbage.toString());
        } finally {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(DragongateCli.EXIT_REJECTED);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("REJECTED MALFORMED: ").doesNotContain("\n").doesNotContain("Exception:");
    }

    @Test
    void aWrongKeyPasswordIsOneClearErrorLine(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = DragongateCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("open", "--key", pki.gatewayFile("encryption.p12").toString(), "--key-password", "wrong",
                "--trust", pki.partnerFile("CN-GACC", "ca.pem").toString(), dir.resolve("x.p7m").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: ").contains("wrong password").doesNotContain("\tat ");
    }
}
