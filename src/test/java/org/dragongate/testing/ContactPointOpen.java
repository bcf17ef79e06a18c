package org.dragongate.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dragongate.cli.OpenCommand;
import org.dragongate.pki.ExamplePki;
import picocli.CommandLine;

/**
 * The {@code open} command exactly as a contact point runs it on a delivery: its own key, the
 * gateway's CA as trust anchor ({@code open --key <its p12> --trust <gateway ca.pem>}).
 */
public final class ContactPointOpen {
    /** The command's exit code and what it wrote to stderr. */
    public record Opened(int exit, String stderr) {
    }

    private ContactPointOpen() {
    }

    public static Opened open(String contactPointId, Path sealed, Path out, Path workDir) {
        TestPki pki = TestPki.shared();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new OpenCommand()).execute(
                    "--key", pki.contactPointFile(contactPointId, ExamplePki.ENCRYPTION + ".p12").toString(),
                    "--key-password", ExamplePki.DEMO_PASSWORD,
                    "--trust", pki.gatewayFile(ExamplePki.CA_CERT_FILE).toString(),
                    "--work-dir", workDir.toString(), "--out", out.toString(), sealed.toString());
            return new Opened(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
