package org.dragongate.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.DeliveryStore;
import org.dragongate.store.GatewayInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "dead-letter", mixinStandardHelpOptions = true, description = "Deliveries that did not reach their contact point.",
        subcommands = {DeadLetterCommand.ListEntries.class, DeadLetterCommand.Redrive.class})
public final class DeadLetterCommand implements Runnable {
    /** Exit code of a re-drive of a key that is not a dead delivery (unknown, or queued or delivered already). */
    public static final int EXIT_NOT_DEAD = 4;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists dead deliveries, longest dead first: key, contact point, notice id, attempts, last outcome.")
    static final class ListEntries implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            try (Database db = database.open()) {
                List<DeliveryStore.DeadDelivery> dead = new DeliveryStore(db, new AuditTrail(Clock.systemUTC()), Clock.systemUTC()).listDead();
                if (dead.isEmpty()) {
                    System.out.println("no dead letters");
                }
                for (DeliveryStore.DeadDelivery entry : dead) {
                    System.out.printf("%s%n    %-16s %-40s %3d attempts  %s%n    last attempt %s, dead since %s%n", entry.deliveryKey(),
                            entry.contactPointId(), entry.noticeId(), entry.attempts(), entry.lastOutcome(), entry.lastAttemptAt(),
                            entry.deadSince());
                }
            }
            return 0;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = {"Queues a dead delivery again, with its attempts reset: the running gateway sends the same bytes with the",
                    "same Idempotency-Key to the contact point's current endpoint. Exit 0 when queued; exit " + EXIT_NOT_DEAD
                            + " when KEY is not a dead delivery."})
    static final class Redrive implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY", description = "The delivery key, as 'dead-letter list' shows it.")
        String key;

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() throws Exception {
            try (Database db = database.open()) {
                if (new DeliveryStore(db, new AuditTrail(Clock.systemUTC()), Clock.systemUTC()).redrive(key, GatewayInstance.administrator())) {
                    System.out.println("QUEUED " + key + ": the gateway delivers it at its next poll");
                    return 0;
                }
            }
            System.err.println("NOT QUEUED " + key + ": no dead delivery has that key ('dead-letter list' shows them)");
            return EXIT_NOT_DEAD;
        }
    }
}
