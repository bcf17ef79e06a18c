package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.dragongate.directory.CertificateKind;
import org.dragongate.directory.CertificateRecord;
import org.dragongate.directory.PartnerCertificates;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.directory.UseWindow;
import org.dragongate.store.GatewayInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cert", mixinStandardHelpOptions = true,
        description = {"Partners' certificates: trust anchors (CAs) and pinned signers, each used only inside its window of use.",
                "'cert expiry' lists when every certificate the gateway watches expires: partners', contact points' and its own."},
        subcommands = {CertCommand.Import.class, CertCommand.ListCertificates.class, CertCommand.Revoke.class, CertCommand.Remove.class,
                CertExpiryCommand.class})
public final class CertCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Registers a partner's certificate from PEM, DER, a PKCS#7 chain or a PKCS#12 file (its certificate only).",
                    "Without --kind, a file with an end-entity certificate pins it, a file of CA certificates makes them trust anchors.",
                    "Two certificates whose windows overlap are both accepted: that is how a partner rolls over without downtime."})
    static final class Import extends DirectoryCommand {
        @Option(names = "--partner", required = true, paramLabel = "ID")
        String partner;

        @Option(names = "--file", required = true, paramLabel = "FILE")
        Path file;

        @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the PKCS#12 file's password.")
        String passwordEnv;

        @Option(names = "--kind", paramLabel = "anchor|pinned")
        String kind;

        @Option(names = "--use-from", paramLabel = "DATE", description = "Accepted from (2026-12-01 or 2026-12-01T08:00:00Z; default: not before).")
        String useFrom;

        @Option(names = "--use-until", paramLabel = "DATE", description = "Accepted until (default: not after).")
        String useUntil;

        @Option(names = "--allow-expired", description = "Keep an expired certificate on record (it is never accepted).")
        boolean allowExpired;

        @Override
        int run(PartnerRegistry registry, PrintWriter out) throws SQLException, IOException {
            char[] password = secret(passwordEnv);
            var options = new PartnerCertificates.ImportOptions(kind == null ? null : CertificateKind.of(kind),
                    new UseWindow(UseWindow.parse(useFrom), UseWindow.parse(useUntil)), allowExpired);
            var imported = registry.certificates().importCertificate(partner, read(file), file.toString(), password, options,
                    GatewayInstance.administrator());
            imported.warnings().forEach(warning -> err().println("WARNING: " + warning));
            imported.certificates().forEach(certificate -> out.println("IMPORTED " + line(certificate)));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists certificates: partner, kind, fingerprint, state now (IN-USE, NOT-YET, ENDED, REVOKED), window of use, subject.")
    static final class ListCertificates extends DirectoryCommand {
        @Option(names = "--partner", paramLabel = "ID", description = "Only this partner's (default: every partner's).")
        String partner;

        @Override
        int run(PartnerRegistry registry, PrintWriter out) throws SQLException {
            List<CertificateRecord> certificates = registry.certificates().list(partner);
            if (certificates.isEmpty()) {
                out.println("no certificates registered");
            }
            certificates.forEach(certificate -> out.println(line(certificate)));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Stops accepting a certificate now; it stays on record with the reason.")
    static final class Revoke extends DirectoryCommand {
        @Option(names = "--partner", required = true, paramLabel = "ID")
        String partner;

        @Parameters(index = "0", paramLabel = "FINGERPRINT", description = "SHA-256 of the certificate, or a unique prefix of 8+ hex digits.")
        String fingerprint;

        @Option(names = "--reason", required = true)
        String reason;

        @Override
        int run(PartnerRegistry registry, PrintWriter out) throws SQLException {
            out.println("REVOKED " + line(registry.certificates().revoke(partner, fingerprint, reason, GatewayInstance.administrator())));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Deletes a certificate from the directory (a mistaken import); the audit trail keeps what it was.")
    static final class Remove extends DirectoryCommand {
        @Option(names = "--partner", required = true, paramLabel = "ID")
        String partner;

        @Parameters(index = "0", paramLabel = "FINGERPRINT")
        String fingerprint;

        @Override
        int run(PartnerRegistry registry, PrintWriter out) throws SQLException {
            out.println("REMOVED " + line(registry.certificates().remove(partner, fingerprint, GatewayInstance.administrator())));
            return 0;
        }
    }

    static String line(CertificateRecord certificate) {
        Instant now = Instant.now();
        String state = state(CertificateRecord.REVOKED.equals(certificate.status()), certificate.inUseAt(now), now.isBefore(certificate.useFrom()));
        return String.format("%-12s %-6s %s  %-7s used %s to %s  '%s' (serial %s)%s", certificate.partnerId(), certificate.kind().word(),
                certificate.sha256(), state, certificate.useFrom(), certificate.useUntil(), certificate.subject(), certificate.serial(),
                certificate.revokedReason() == null ? "" : "  revoked " + certificate.revokedAt() + ": " + certificate.revokedReason());
    }

    /** A certificate's state now, as the list commands show it: REVOKED, IN-USE, NOT-YET or ENDED. */
    static String state(boolean revoked, boolean inUse, boolean notYet) {
        return revoked ? "REVOKED" : inUse ? "IN-USE" : notYet ? "NOT-YET" : "ENDED";
    }
}
