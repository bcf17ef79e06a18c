package org.dragongate.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.dragongate.quarantine.Quarantine;
import org.dragongate.quarantine.QuarantineEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quarantine", mixinStandardHelpOptions = true, description = "Refused packages.",
        subcommands = {QuarantineCommand.ListEntries.class})
public final class QuarantineCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists quarantined packages, oldest first: id, reason code, channel, origin, message.")
    static final class ListEntries implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The gateway's data directory (default ${DEFAULT-VALUE}).")
        Path dataDir = Path.of("data", "gateway");

        @Override
        public Integer call() throws Exception {
            List<QuarantineEntry> entries = new Quarantine(dataDir.resolve("quarantine"), Clock.systemUTC()).list();
            if (entries.isEmpty()) {
                System.out.println("quarantine is empty (" + dataDir.resolve("quarantine") + ")");
            }
            for (QuarantineEntry entry : entries) {
                System.out.printf("%s  %-20s %-5s %-12s %s%n    %s%n", entry.id(), entry.reason(), entry.channel(),
                        entry.partnerId(), entry.origin(), entry.message());
            }
            return 0;
        }
    }
}
