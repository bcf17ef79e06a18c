package org.dragongate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dragongate.store.PackageTrace;
import org.dragongate.store.PackageTrace.Ambiguous;
import org.dragongate.store.PackageTrace.Found;
import org.dragongate.store.PackageTrace.Lookup;
import org.dragongate.store.PackageTrace.NotFound;
import org.dragongate.store.TraceReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Prints the whole history of a package: channel, partner, checks, quarantine, notices, routing,",
                "delivery attempts and every audit record about them.",
                "Exit " + TraceCommand.EXIT_NO_MATCH + " when nothing matches or a prefix matches several packages."})
public final class TraceCommand implements Callable<Integer> {
    /** Exit code when the identifier names no package, or more than one by prefix. */
    public static final int EXIT_NO_MATCH = 2;

    @Parameters(index = "0", paramLabel = "ID",
            description = "A package sha256 or a unique prefix of it (at least " + PackageTrace.MIN_PREFIX
                    + " hex characters), a gateway notice id, or a partner's notice reference.")
    String id;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Lookup lookup = database.read(db -> new PackageTrace(db).find(id));
        TraceReport report = new TraceReport();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (lookup instanceof Found found) {
            if (found.packages().size() > 1) {
                out.println(found.packages().size() + " packages match '" + id + "', oldest first:");
                out.println();
            }
            out.print(report.format(found.packages()));
            out.flush();
            return 0;
        }
        if (lookup instanceof Ambiguous ambiguous) {
            err.println("'" + ambiguous.prefix() + "' is the start of several packages; give more of the sha256:");
            err.print(report.candidates(ambiguous));
        } else {
            NotFound notFound = (NotFound) lookup;
            err.println("nothing matches '" + notFound.query() + "': " + notFound.why());
        }
        err.flush();
        return EXIT_NO_MATCH;
    }
}
