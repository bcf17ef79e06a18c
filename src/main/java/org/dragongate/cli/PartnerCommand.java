package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dragongate.directory.CertificateRecord;
import org.dragongate.directory.CrlRecord;
import org.dragongate.directory.NewPartner;
import org.dragongate.directory.PartnerBootstrap;
import org.dragongate.directory.PartnerRecord;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.GatewayInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "partner", mixinStandardHelpOptions = true,
        description = "The partner agencies that may send packages, in the gateway's database. Every change is audited.",
        subcommands = {PartnerCommand.Add.class, PartnerCommand.ListPartners.class, PartnerCommand.Show.class, PartnerCommand.Suspend.class,
                PartnerCommand.Resume.class, PartnerCommand.ImportYaml.class})
public final class PartnerCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Registers a partner (active, without certificates: add them with 'cert import').")
    static final class Add extends DirectoryCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Partner id: upper-case letters, digits and '-' (e.g. CN-GACC).")
        String id;

        @Option(names = "--name", description = "The agency's name (default: the id).")
        String name;

        @Option(names = "--country", paramLabel = "CC", description = "ISO 3166 alpha-2 country code.")
        String country;

        @Option(names = "--sftp-account", paramLabel = "ACCOUNT", description = "Its SFTP account (default: the id).")
        String sftpAccount;

        @Option(names = "--mail", paramLabel = "ADDRESS", description = "A sender address of the partner (repeatable).")
        List<String> mail = List.of();

        @Option(names = "--allow-legacy-key-transport", description = "Accept RSA PKCS#1 v1.5 key transport from this partner.")
        boolean allowLegacyKeyTransport;

        @Override
        int run(PartnerRegistry registry, PrintWriter out) throws SQLException {
            PartnerRecord added = registry.add(new NewPartner(id, name, country, sftpAccount, Set.copyOf(new LinkedHashSet<>(mail)),
                    allowLegacyKeyTransport), GatewayInstance.administrator());
            out.println("ADDED " + line(added));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the partners: id, status, country, SFTP account, mail, name.")
    static final class ListPartners extends DirectoryCommand {
        @Override
        int run(PartnerRegistry registry, PrintWriter out) throws SQLException {
            List<PartnerRecord> partners = registry.list();
            if (partners.isEmpty()) {
                out.println("no partners registered");
            }
            partners.forEach(partner -> out.println(line(partner)));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A partner with its certificates and CRLs.")
    static final class Show extends DirectoryCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(PartnerRegistry registry, PrintWriter out) throws SQLException {
            PartnerRecord partner = registry.show(id);
            out.println(line(partner));
            if (partner.statusReason() != null) {
                out.println("  suspended because: " + partner.statusReason());
            }
            out.println("  legacy key transport " + (partner.allowLegacyKeyTransport() ? "allowed" : "refused")
                    + ", last changed " + partner.updatedAt());
            List<CertificateRecord> certificates = registry.certificates().list(id);
            out.println("  certificates: " + (certificates.isEmpty() ? "none" : certificates.size()));
            certificates.forEach(certificate -> out.println("    " + CertCommand.line(certificate)));
            List<CrlRecord> crls = registry.certificates().crls(id);
            out.println("  CRLs: " + (crls.isEmpty() ? "none" : crls.size()));
            crls.forEach(crl -> out.println("    " + crl.sha256().substring(0, 16) + "  '" + crl.issuer() + "'  this update "
                    + crl.thisUpdate() + ", next update " + (crl.nextUpdate() == null ? "none" : crl.nextUpdate())));
            return 0;
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Refuses the partner's packages (as an unknown sender) until it is resumed; its certificates are kept.")
    static final class Suspend extends DirectoryCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--reason", description = "Why, for the audit trail.")
        String reason;

        @Override
        int run(PartnerRegistry registry, PrintWriter out) throws SQLException {
            out.println("SUSPENDED " + line(registry.suspend(id, reason, GatewayInstance.administrator())));
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Accepts a suspended partner's packages again.")
    static final class Resume extends DirectoryCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(PartnerRegistry registry, PrintWriter out) throws SQLException {
            out.println("RESUMED " + line(registry.resume(id, GatewayInstance.administrator())));
            return 0;
        }
    }

    @Command(name = "import-yaml", mixinStandardHelpOptions = true,
            description = {"Imports a partners file (the format of config/partners.yaml) in one step: if any partner in it is",
                    "already registered, or any entry is wrong, nothing is imported."})
    static final class ImportYaml extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        int run(Database db, PrintWriter out) throws SQLException, IOException {
            PartnerBootstrap.Result result = new PartnerBootstrap(db, new AuditTrail(clock), clock).importFile(file,
                    GatewayInstance.administrator());
            result.warnings().forEach(warning -> err().println("WARNING: " + warning));
            out.println("IMPORTED " + result.partners() + " partners, " + result.certificates() + " certificates, " + result.crls()
                    + " CRLs from " + file);
            return 0;
        }
    }

    static String line(PartnerRecord partner) {
        return String.format("%-12s %-9s %-2s  sftp %-12s mail %s  %s", partner.id(), partner.status(),
                partner.country() == null ? "--" : partner.country(), partner.sftpAccount(),
                partner.mailAddresses().isEmpty() ? "-" : String.join(",", partner.mailAddresses()), partner.name());
    }
}
