package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.dragongate.directory.CrlRefresher;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.directory.CrlRecord;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.store.GatewayInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "crl", mixinStandardHelpOptions = true,
        description = "Partners' certificate revocation lists. A partner with CRLs has revocation checked on every package; a stale CRL refuses.",
        subcommands = {CrlCommand.Import.class, CrlCommand.Refresh.class})
public final class CrlCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Registers a CRL (PEM or DER) for a partner; it replaces older CRLs of the same issuer.")
    static final class Import extends DirectoryCommand {
        @Option(names = "--partner", required = true, paramLabel = "ID")
        String partner;

        @Option(names = "--file", required = true, paramLabel = "FILE")
        Path file;

        @Override
        int run(PartnerRegistry registry, PrintWriter out) throws SQLException, IOException {
            CrlRecord crl = registry.certificates().importCrl(partner, read(file), file.toString(), GatewayInstance.administrator());
            out.println("IMPORTED CRL " + crl.sha256().substring(0, 16) + " of '" + crl.issuer() + "' for " + crl.partnerId()
                    + ": this update " + crl.thisUpdate() + ", next update " + (crl.nextUpdate() == null ? "none" : crl.nextUpdate()));
            return 0;
        }
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = {"Fetches each partner's CRLs from the distribution points its certificates and CRLs name (HTTP and HTTPS",
                    "only) and imports each one signed by a trust anchor of the partner and newer than the one held (audited).",
                    "One line per distribution point: IMPORTED, UP-TO-DATE, STALE or FAILED. Exit 0 when every point gave a",
                    "current CRL, 1 otherwise."})
    static final class Refresh extends DatabaseCommand {
        @Option(names = "--timeout-seconds", paramLabel = "S", description = "To connect, and again for the whole answer (default ${DEFAULT-VALUE}).")
        int timeoutSeconds = 10;

        @Override
        int run(Database db, PrintWriter out) throws SQLException {
            List<CrlRefresher.Outcome> outcomes = new CrlRefresher(db, new AuditTrail(clock), clock,
                    CrlRefresher.http(Duration.ofSeconds(timeoutSeconds))).refresh(GatewayInstance.administrator());
            if (outcomes.isEmpty()) {
                out.println("no partner certificate or CRL names a distribution point");
            }
            outcomes.forEach(outcome -> out.println(outcome.line()));
            return CrlRefresher.Outcome.allCurrent(outcomes) ? 0 : 1;
        }
    }
}
