package org.dragongate.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.dragongate.delivery.DeadLetter;
import org.dragongate.delivery.DeadLetters;
import org.dragongate.delivery.DeliveryOutcome;
import org.dragongate.delivery.DeliveryTarget;
import org.dragongate.delivery.HttpDelivery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dead-letter", mixinStandardHelpOptions = true, description = "Deliveries that did not reach their contact point.",
        subcommands = {DeadLetterCommand.ListEntries.class, DeadLetterCommand.Redrive.class})
public final class DeadLetterCommand implements Runnable {
    /** Exit code of a re-drive that did not get through: the entry stays for another try. */
    public static final int EXIT_NOT_DELIVERED = 4;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists dead letters, oldest first: id, contact point, notice id, attempts, last reason.")
    static final class ListEntries implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The gateway's data directory (default ${DEFAULT-VALUE}).")
        Path dataDir = Path.of("data", "gateway");

        @Override
        public Integer call() throws Exception {
            List<DeadLetter> entries = new DeadLetters(dataDir, Clock.systemUTC()).list();
            if (entries.isEmpty()) {
                System.out.println("no dead letters (" + dataDir.resolve("dead-letters") + ")");
            }
            for (DeadLetter entry : entries) {
                System.out.printf("%s  %-16s %-24s %3d attempts  %s%n    %s, last attempt %s%n", entry.id(), entry.contactPointId(),
                        entry.noticeId(), entry.attempts(), entry.lastReason(), entry.endpoint(), entry.lastAttemptAt());
            }
            return 0;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = {"Sends a dead letter once more to the endpoint it was sent to, with the same Idempotency-Key.",
                    "Exit 0 and the entry removed when delivered; exit " + EXIT_NOT_DELIVERED + " and the entry kept otherwise."})
    static final class Redrive implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The dead letter's id, as 'dead-letter list' shows it.")
        String id;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The gateway's data directory (default ${DEFAULT-VALUE}).")
        Path dataDir = Path.of("data", "gateway");

        @Option(names = "--bearer-token-env", paramLabel = "VAR",
                description = "Environment variable holding the contact point's bearer token (tokens never go on the command line).")
        String bearerTokenEnv;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Connect and request timeout (default ${DEFAULT-VALUE}).")
        long timeoutSeconds = HttpDelivery.DEFAULT_TIMEOUT.toSeconds();

        @Override
        public Integer call() throws Exception {
            String token = bearerTokenEnv == null ? null : System.getenv(bearerTokenEnv);
            if (bearerTokenEnv != null && token == null) {
                throw new IllegalArgumentException("environment variable " + bearerTokenEnv + " is not set");
            }
            Duration timeout = Duration.ofSeconds(timeoutSeconds);
            DeliveryOutcome outcome = new DeadLetters(dataDir, Clock.systemUTC()).redrive(id,
                    entry -> new DeliveryTarget(entry.contactPointId(), entry.endpoint(), null, token),
                    new HttpDelivery(timeout, timeout, Clock.systemUTC()));
            if (outcome instanceof DeliveryOutcome.Delivered) {
                System.out.println("DELIVERED " + id + ": " + outcome.reason());
                return 0;
            }
            System.err.println("NOT DELIVERED " + id + ": " + outcome.reason());
            return EXIT_NOT_DELIVERED;
        }
    }
}
