package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import org.dragongate.intake.PackageArchive;
import org.dragongate.quarantine.QuarantineAdmin;
import org.dragongate.quarantine.QuarantineRecord;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.GatewayInstance;
import org.dragongate.store.PackageRequests.PackageRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "Refused packages: list and show them, reprocess one once its cause is fixed, or discard it. Every action is audited.",
        subcommands = {QuarantineCommand.ListEntries.class, QuarantineCommand.Show.class, QuarantineCommand.Reprocess.class,
                QuarantineCommand.Discard.class})
public final class QuarantineCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The commands' service on the gateway's database, archive and quarantine folder. */
    abstract static class QuarantineAction extends DatabaseCommand {
        abstract int run(QuarantineAdmin admin, PrintWriter out) throws SQLException, IOException;

        @Override
        int run(Database db, PrintWriter out) throws SQLException, IOException {
            return run(new QuarantineAdmin(db, new AuditTrail(clock), clock, dataDir().resolve("quarantine"),
                    new PackageArchive(dataDir().resolve("archive"))), out);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists quarantine entries, oldest first: id, state, reason code, channel, partner, origin, then the message.")
    static final class ListEntries extends QuarantineAction {
        @Option(names = "--all", description = "Discarded entries too.")
        boolean all;

        @Override
        int run(QuarantineAdmin admin, PrintWriter out) throws SQLException {
            List<QuarantineRecord> entries = admin.list(all);
            if (entries.isEmpty()) {
                out.println(all ? "quarantine is empty" : "no quarantine entries (--all shows discarded ones too)");
            }
            for (QuarantineRecord entry : entries) {
                out.printf("%s  %-11s %-20s %-5s %-12s %s%n    %s%n", entry.id(), entry.state(), entry.reason(), entry.channel(),
                        entry.partnerId(), entry.origin(), entry.message());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One entry: reason, message, channel, partner, origin, package SHA-256 and size, times, and the package's history.")
    static final class Show extends QuarantineAction {
        @Parameters(index = "0", paramLabel = "ID", description = "The entry id, as 'quarantine list' shows it.")
        String id;

        @Override
        int run(QuarantineAdmin admin, PrintWriter out) throws SQLException {
            QuarantineAdmin.Detail detail = admin.show(id);
            QuarantineRecord e = detail.entry();
            out.println(e.id() + "  " + e.state());
            out.println("  reason      " + e.reason());
            out.println("  message     " + e.message());
            out.println("  channel     " + e.channel() + ", partner " + e.partnerId() + ", from " + e.origin());
            out.println("  package     " + e.packageSha256() + ", " + e.packageSize() + " bytes");
            out.println("  received    " + e.receivedAt());
            out.println("  quarantined " + e.quarantinedAt() + ", last changed " + e.updatedAt());
            if (e.discardedBy() != null) {
                out.println("  discarded   by " + e.discardedBy() + ": " + e.discardReason());
            }
            out.println("  history of the package:");
            for (QuarantineRecord earlier : detail.entries()) {
                out.println("    " + earlier.quarantinedAt() + "  quarantined as " + earlier.id() + " (" + earlier.reason() + "), now "
                        + earlier.state());
            }
            for (PackageRequest request : detail.requests()) {
                out.println("    " + request.requestedAt() + "  " + request.kind() + " " + request.id() + " asked by " + request.requestedBy()
                        + ": " + request.state() + (request.outcome() == null ? "" : " (" + request.outcome() + ")"));
            }
            return 0;
        }
    }

    @Command(name = "reprocess", mixinStandardHelpOptions = true,
            description = {"Puts the entry's package through the flow again, from the archive, once its cause is fixed (a certificate",
                    "imported, a routing rule added): the running gateway takes the request at its next poll. Refused again, the",
                    "package gets a new entry with the new reason; 'quarantine show' shows both."})
    static final class Reprocess extends QuarantineAction {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(QuarantineAdmin admin, PrintWriter out) throws SQLException {
            PackageRequest request = admin.reprocess(id, GatewayInstance.administrator());
            out.println("REQUESTED " + request.id() + ": package " + request.shortSha() + " of " + id
                    + " goes through the flow again at the gateway's next poll");
            return 0;
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = {"Marks the entry discarded and removes the package's bytes from quarantine (and from the archive while the",
                    "package stays refused); the record and the audit trail keep its SHA-256, size and times."})
    static final class Discard extends QuarantineAction {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--reason", required = true, description = "Why, for the audit trail.")
        String reason;

        @Override
        int run(QuarantineAdmin admin, PrintWriter out) throws SQLException, IOException {
            QuarantineAdmin.Discarded discarded = admin.discard(id, reason, GatewayInstance.administrator());
            out.println("DISCARDED " + id + ": quarantine copy " + (discarded.quarantineCopyRemoved() ? "removed" : "not here")
                    + ", archive copy " + (discarded.archiveCopyRemoved() ? "removed" : "kept or not here"));
            return 0;
        }
    }
}
