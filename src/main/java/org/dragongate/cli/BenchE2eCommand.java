package org.dragongate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dragongate.bench.EndToEndBenchmark;
import org.dragongate.bench.EndToEndReport;
import org.dragongate.bench.EndToEndSettings;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Holds {@code bench e2e}; registered among {@code BenchCommand}'s subcommands. */
public final class BenchE2eCommand {
    private BenchE2eCommand() {
    }

    @Command(name = "e2e", mixinStandardHelpOptions = true,
            description = {"The whole flow in one JVM: seals packages for the example partners, uploads them over SFTP and mails a share,",
                    "and times them through the gateway (durable intake) to a local contact-point receiver. See docs/benchmarks.md.",
                    "Exit 0 when every expected delivery arrived, 1 on timeout."})
    public static final class E2e implements Callable<Integer> {
        @Option(names = "--warm-up", paramLabel = "N", description = "Small packages sent through and delivered before the clock starts, so the JIT has compiled the gateway (default ${DEFAULT-VALUE}).")
        int warmUp = 3000;

        @Option(names = "--packages", description = "Small packages, one notice each (default ${DEFAULT-VALUE}).")
        int packages = 200;

        @Option(names = "--size", paramLabel = "KB", description = "Size of a small package's notice in KB, at most 7 (default ${DEFAULT-VALUE}).")
        int sizeKb = 3;

        @Option(names = "--large", description = "Large packages: a notice and one attachment each (default ${DEFAULT-VALUE}).")
        int large = 3;

        @Option(names = "--large-size", paramLabel = "MB", description = "Size of a large package's attachment in MB (default ${DEFAULT-VALUE}).")
        long largeMb = 10;

        @Option(names = "--mail-share", description = "Share of the small packages sent by mail (AU-ABF) instead of SFTP (CN-GACC) (default ${DEFAULT-VALUE}).")
        double mailShare = 0.05;

        @Option(names = "--rate", description = "Uploads per second; 0 sends as fast as the clients go (default ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for all deliveries (default ${DEFAULT-VALUE}).")
        long timeoutSeconds = 600;

        @Option(names = "--intake-sessions", paramLabel = "N", description = "sftp.intake-sessions for the run (default: as shipped).")
        int intakeSessions;

        @Option(names = "--sftp-poll-delay", paramLabel = "MS", description = "sftp.poll-delay for the run (default ${DEFAULT-VALUE}, as shipped).")
        long sftpPollDelay = 1000;

        @Option(names = "--mail-poll-delay", paramLabel = "MS", description = "mail.poll-delay for the run (default ${DEFAULT-VALUE}, as shipped).")
        long mailPollDelay = 5000;

        @Option(names = "--delivery-poll-period", paramLabel = "MS", description = "delivery.poll-period for the run (default ${DEFAULT-VALUE}, as shipped).")
        long deliveryPollPeriod = 1000;

        @Option(names = "--signing-key", paramLabel = "FILE", description = "The gateway's signing key for the run, a PKCS#12 file with the example PKI's password (default: keys-example/gateway/signing.p12, RSA 3072).")
        Path signingKey;

        @Option(names = "--database-url", paramLabel = "JDBC-URL", description = "A PostgreSQL database for the run instead of the embedded H2; each run makes a new schema in it. Password from the environment variable DATABASE_PASSWORD.")
        String databaseUrl;

        @Option(names = "--database-user", paramLabel = "USER", description = "Database user with --database-url (default ${DEFAULT-VALUE}).")
        String databaseUser = "dragongate";

        @Option(names = "--config", paramLabel = "FILE", description = "Gateway settings; partners.yaml and contact-points.yaml beside it (default ${DEFAULT-VALUE}).")
        Path config = Path.of("config", "application.properties");

        @Option(names = "--keys", paramLabel = "DIR", description = "The example PKI the partner directory names (default ${DEFAULT-VALUE}).")
        Path keys = Path.of(ExamplePki.DEFAULT_OUT_DIR);

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Packages, servers' folders, broker and H2 (default: a new temp dir).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            if (sizeKb < 1 || sizeKb > 7) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--size is 1 to 7 (KB): a notice's summary holds 8000 characters");
            }
            int mailEvery = mailShare <= 0 ? 0 : (int) Math.max(1, Math.round(1 / mailShare));
            EndToEndSettings settings = new EndToEndSettings(warmUp, packages, sizeKb * 1024, mailEvery, large, largeMb * 1_000_000L, rate,
                    Duration.ofSeconds(timeoutSeconds), intakeSessions, sftpPollDelay, mailPollDelay, deliveryPollPeriod, signingKey,
                    databaseUrl == null ? null : new DatabaseSettings(databaseUrl, databaseUser, System.getenv("DATABASE_PASSWORD"), null,
                            DatabaseSettings.DEFAULT_POOL_SIZE), config, keys,
                    workDir != null ? workDir : Files.createTempDirectory("dragongate-bench-e2e"));
            EndToEndReport report = new EndToEndBenchmark(settings, System.out).run();
            return report.allDelivered() ? 0 : 1;
        }
    }
}
