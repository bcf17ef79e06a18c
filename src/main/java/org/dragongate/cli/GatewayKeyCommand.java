package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.dragongate.keys.GatewayKeyRecord;
import org.dragongate.keys.GatewayKeyRegistry;
import org.dragongate.keys.KeyPurpose;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.GatewayInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "gateway-key", mixinStandardHelpOptions = true,
        description = {"The gateway's own keys in its database: decryption keys (old and new both open packages during a rollover)",
                "and signing keys (the most recently activated one signs deliveries and receipts). A new key is PENDING until",
                "activated; retire the old one when the rollover is over. The running gateway picks changes up within",
                "gateway.directory-refresh-seconds. Keys are stored encrypted with the key password ($GATEWAY_KEY_PASSWORD)."},
        subcommands = {GatewayKeyCommand.ListKeys.class, GatewayKeyCommand.Generate.class, GatewayKeyCommand.Import.class,
                GatewayKeyCommand.Activate.class, GatewayKeyCommand.Retire.class, GatewayKeyCommand.ExportCert.class})
public final class GatewayKeyCommand implements Runnable {
    /** The environment variable the gateway itself takes its key password from (gateway.key-password). */
    static final String KEY_PASSWORD_ENV = "GATEWAY_KEY_PASSWORD";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A gateway-key command: the registry on the gateway's database, with the key password when the command stores keys. */
    abstract static class OnKeys extends DatabaseCommand {
        @Option(names = "--key-password-env", paramLabel = "VAR", defaultValue = KEY_PASSWORD_ENV,
                description = "Environment variable holding the gateway's key password, which encrypts keys at rest (default ${DEFAULT-VALUE}).")
        String keyPasswordEnv;

        abstract int run(GatewayKeyRegistry registry, PrintWriter out) throws SQLException, IOException;

        /** Whether the command stores keys and so needs the key password. */
        boolean storesKeys() {
            return false;
        }

        @Override
        int run(Database db, PrintWriter out) throws SQLException, IOException {
            char[] password = storesKeys() ? secret(keyPasswordEnv) : null;
            return run(new GatewayKeyRegistry(db, new AuditTrail(clock), clock, password), out);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the keys: purpose, status, fingerprint, algorithm, not after, subject.")
    static final class ListKeys extends OnKeys {
        @Override
        int run(GatewayKeyRegistry registry, PrintWriter out) throws SQLException {
            List<GatewayKeyRecord> keys = registry.list();
            if (keys.isEmpty()) {
                out.println("no gateway keys registered (the gateway imports gateway.keys and gateway.signing-key on its first start)");
            }
            keys.forEach(key -> out.println(line(key)));
            return 0;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Generates a key pair and a self-signed certificate (PENDING), and writes the certificate as PEM for",
                    "partners (decryption: they seal for it) or contact points (signing: they verify with it)."})
    static final class Generate extends OnKeys {
        @Option(names = "--purpose", required = true, paramLabel = "decryption|signing")
        String purpose;

        @Option(names = "--algorithm", paramLabel = "rsa|ec", defaultValue = "rsa", description = "RSA 3072 or EC P-256 (default ${DEFAULT-VALUE}).")
        String algorithm;

        @Option(names = "--cn", paramLabel = "NAME", description = "Common name of the certificate (default: Dragongate gateway <purpose> <date>).")
        String commonName;

        @Option(names = "--days", paramLabel = "DAYS", defaultValue = "730", description = "Validity in days (default ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--out", paramLabel = "FILE", description = "Where the certificate PEM goes (default: gateway-<purpose>-<fingerprint>.pem here).")
        Path out;

        @Override
        boolean storesKeys() {
            return true;
        }

        @Override
        int run(GatewayKeyRegistry registry, PrintWriter out) throws SQLException, IOException {
            KeyPurpose keyPurpose = KeyPurpose.of(purpose);
            String cn = commonName != null ? commonName : "Dragongate gateway " + keyPurpose.word() + " " + LocalDate.now(ZoneOffset.UTC);
            GatewayKeyRecord key = registry.generate(keyPurpose, algorithm, cn, Duration.ofDays(days), GatewayInstance.administrator());
            Path file = this.out != null ? this.out : Path.of("gateway-" + keyPurpose.word() + "-" + key.sha256().substring(0, 16) + ".pem");
            Files.writeString(file, pem(registry.certificate(key.sha256())), StandardCharsets.US_ASCII);
            out.println("GENERATED " + line(key));
            out.println("certificate written to " + file.toAbsolutePath() + "; activate with 'gateway-key activate " + key.sha256().substring(0, 16) + "'");
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Imports a key and its certificate from a PKCS#12 file (PENDING).")
    static final class Import extends OnKeys {
        @Option(names = "--purpose", required = true, paramLabel = "decryption|signing")
        String purpose;

        @Option(names = "--file", required = true, paramLabel = "FILE")
        Path file;

        @Option(names = "--password-env", required = true, paramLabel = "VAR", description = "Environment variable holding the PKCS#12 file's password.")
        String passwordEnv;

        @Override
        boolean storesKeys() {
            return true;
        }

        @Override
        int run(GatewayKeyRegistry registry, PrintWriter out) throws SQLException, IOException {
            GatewayKeyRecord key = registry.importKey(KeyPurpose.of(purpose), read(file), file.toString(), secret(passwordEnv),
                    GatewayInstance.administrator());
            out.println("IMPORTED " + line(key));
            return 0;
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = "Puts a pending key to work: a decryption key opens packages beside the others, a signing key signs from now on.")
    static final class Activate extends OnKeys {
        @Parameters(index = "0", paramLabel = "FINGERPRINT", description = "SHA-256 of the key's certificate, or a unique prefix of 8+ hex digits.")
        String fingerprint;

        @Override
        int run(GatewayKeyRegistry registry, PrintWriter out) throws SQLException {
            out.println("ACTIVATED " + line(registry.activate(fingerprint, GatewayInstance.administrator())));
            return 0;
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = {"Ends a key's use: packages sealed for a retired decryption key are refused (the refusal names it).",
                    "The last active key of a purpose cannot be retired."})
    static final class Retire extends OnKeys {
        @Parameters(index = "0", paramLabel = "FINGERPRINT")
        String fingerprint;

        @Option(names = "--reason", description = "Why, for the audit trail.")
        String reason;

        @Override
        int run(GatewayKeyRegistry registry, PrintWriter out) throws SQLException {
            out.println("RETIRED " + line(registry.retire(fingerprint, reason, GatewayInstance.administrator())));
            return 0;
        }
    }

    @Command(name = "export-cert", mixinStandardHelpOptions = true, description = "Writes a key's certificate (public) as PEM, for partners or contact points.")
    static final class ExportCert extends OnKeys {
        @Parameters(index = "0", paramLabel = "FINGERPRINT")
        String fingerprint;

        @Option(names = "--out", paramLabel = "FILE", description = "Write it here (default: standard output).")
        Path out;

        @Override
        int run(GatewayKeyRegistry registry, PrintWriter out) throws SQLException, IOException {
            String pem = pem(registry.certificate(fingerprint));
            if (this.out == null) {
                out.print(pem);
            } else {
                Files.writeString(this.out, pem, StandardCharsets.US_ASCII);
                out.println("certificate written to " + this.out.toAbsolutePath());
            }
            return 0;
        }
    }

    static String line(GatewayKeyRecord key) {
        return String.format("%-10s %-8s %s  %-9s not after %s  '%s'%s", key.purpose().word(), key.status(), key.sha256(), key.algorithm(),
                key.notAfter(), key.subject(), key.retiredReason() == null ? "" : "  retired: " + key.retiredReason());
    }

    private static String pem(X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString();
    }
}
