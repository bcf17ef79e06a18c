package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import org.dragongate.directory.CrlRecord;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.store.GatewayInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "crl", mixinStandardHelpOptions = true,
        description = "Partners' certificate revocation lists. A partner with CRLs has revocation checked on every package; a stale CRL refuses.",
        subcommands = {CrlCommand.Import.class})
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
}
