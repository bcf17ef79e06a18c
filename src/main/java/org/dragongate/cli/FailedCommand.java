package org.dragongate.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.FailedPackages;
import org.dragongate.store.GatewayInstance;
import org.dragongate.store.PackageRequests.PackageRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "failed", mixinStandardHelpOptions = true,
        description = "Packages whose processing failed on every attempt (not refusals): list them, re-drive one once the trouble is over.",
        subcommands = {FailedCommand.ListPackages.class, FailedCommand.Redrive.class})
public final class FailedCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists failed packages, longest failed first: SHA-256, channel, partner, origin, attempts and the last error.")
    static final class ListPackages extends DatabaseCommand {
        @Override
        int run(Database db, PrintWriter out) throws SQLException {
            List<FailedPackages.FailedPackage> failed = new FailedPackages(db, new AuditTrail(clock), clock).list();
            if (failed.isEmpty()) {
                out.println("no failed packages");
            }
            for (FailedPackages.FailedPackage f : failed) {
                out.printf("%s  %-5s %-12s %s%n    received %s, failed %s after %s attempts: %s%s%n", f.sha256(), f.channel(),
                        f.claimedPartner(), f.origin(), f.receivedAt(), f.failedAt(), f.attempts() == null ? "?" : f.attempts(),
                        f.lastError() == null ? "no error recorded" : f.lastError(),
                        f.redrive() == null ? "" : System.lineSeparator() + "    re-drive " + f.redrive().id() + " " + f.redrive().state());
            }
            return 0;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = {"Puts a failed package through the flow again, from the archive: the running gateway takes the request at its",
                    "next poll and the package is tracked like a new arrival."})
    static final class Redrive extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "SHA256", description = "The package's SHA-256, or its first 8 or more hex digits.")
        String id;

        @Override
        int run(Database db, PrintWriter out) throws SQLException {
            PackageRequest request = new FailedPackages(db, new AuditTrail(clock), clock).redrive(id, GatewayInstance.administrator());
            out.println("REQUESTED " + request.id() + ": package " + request.shortSha() + " goes through the flow again at the gateway's next poll");
            return 0;
        }
    }
}
