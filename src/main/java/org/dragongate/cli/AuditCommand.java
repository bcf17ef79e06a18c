package org.dragongate.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dragongate.store.AuditChain;
import org.dragongate.store.AuditChain.Verification;
import org.dragongate.store.AuditTrail.AuditRecord;
import org.dragongate.store.TraceReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit trail of every state change.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListRecords.class})
public final class AuditCommand implements Runnable {
    /** Exit code of a broken chain: distinct from usage errors (2) and failures to check at all (1). */
    public static final int EXIT_BROKEN = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Checks the audit trail's hash chain from the first record to the head.",
                    "Exit 0 when intact; exit " + EXIT_BROKEN + " naming the first broken link otherwise."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Verification result = database.read(db -> new AuditChain(db).verify());
            if (result.intact()) {
                spec.commandLine().getOut().println("audit trail intact: " + result.records() + " records, head " + result.headHash());
                return 0;
            }
            spec.commandLine().getErr().println("audit trail BROKEN at record " + result.brokenLink().seq() + ": "
                    + result.brokenLink().problem() + " (" + result.records() + " records before it are intact)");
            return EXIT_BROKEN;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the most recent audit records, oldest of them first: sequence, time, event, actor, subject, detail.")
    static final class ListRecords implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;

        @Option(names = "--subject", paramLabel = "SUBJECT", description = "Only records about this package sha256, notice id or delivery key.")
        String subject;

        @Option(names = "--limit", paramLabel = "N", description = "At most this many records (default ${DEFAULT-VALUE}).")
        int limit = 50;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<AuditRecord> records = database.read(db -> new AuditChain(db).latest(subject, limit));
            if (records.isEmpty()) {
                spec.commandLine().getOut().println(subject == null ? "the audit trail is empty" : "no audit records about " + subject);
            }
            spec.commandLine().getOut().print(new TraceReport().auditRecords(records));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
