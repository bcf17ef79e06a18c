package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.dragongate.directory.ContactPointBootstrap;
import org.dragongate.directory.ContactPointCertificateRecord;
import org.dragongate.directory.ContactPointRecord;
import org.dragongate.directory.ContactPointRegistry;
import org.dragongate.directory.NewContactPoint;
import org.dragongate.directory.UseWindow;
import org.dragongate.notice.Category;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.GatewayInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "contact-point", mixinStandardHelpOptions = true,
        description = {"The national contact points that receive routed notices, in the gateway's database. Every change is audited.",
                "Routing rules stay in config/routing.yaml; the gateway reads both again every gateway.directory-refresh-seconds."},
        subcommands = {ContactPointCommand.Add.class, ContactPointCommand.ListContactPoints.class, ContactPointCommand.Show.class,
                ContactPointCommand.Suspend.class, ContactPointCommand.Resume.class, ContactPointCommand.ImportYaml.class,
                ContactPointCommand.Cert.class})
public final class ContactPointCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A contact-point command: the registry on the gateway's database. */
    abstract static class OnRegistry extends DatabaseCommand {
        abstract int run(ContactPointRegistry registry, PrintWriter out) throws SQLException, IOException;

        @Override
        int run(Database db, PrintWriter out) throws SQLException, IOException {
            return run(new ContactPointRegistry(db, new AuditTrail(clock), clock), out);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Registers a contact point (active; add its encryption certificate with 'contact-point cert import').",
                    "Credentials are NAMES of environment variables (and of a PKCS#12 file), never the secrets."})
    static final class Add extends OnRegistry {
        @Parameters(index = "0", paramLabel = "ID", description = "Contact point id: upper-case letters, digits and '-' (e.g. VN-ENV-POLICE).")
        String id;

        @Option(names = "--name", description = "The agency's name (default: the id).")
        String name;

        @Option(names = "--country", required = true, paramLabel = "CC", description = "ISO 3166 alpha-2 code of the country it serves.")
        String country;

        @Option(names = "--category", required = true, paramLabel = "CATEGORY",
                description = "A category it handles: NARCOTICS, PRECURSORS, WILDLIFE, OTHER (repeatable, or comma-separated).")
        List<String> categories;

        @Option(names = "--endpoint", required = true, paramLabel = "URI", description = "https://..., sftp://host:port/folder or mailto:address.")
        String endpoint;

        @Option(names = "--bearer-token-env", paramLabel = "VAR", description = "Environment variable holding its bearer token (https only).")
        String bearerTokenEnv;

        @Option(names = "--client-certificate", paramLabel = "FILE", description = "PKCS#12 file for mutual TLS (https only).")
        String clientCertificate;

        @Option(names = "--client-certificate-password-env", paramLabel = "VAR", description = "Environment variable holding that file's password.")
        String clientCertificatePasswordEnv;

        @Override
        int run(ContactPointRegistry registry, PrintWriter out) throws SQLException {
            ContactPointRecord added = registry.add(new NewContactPoint(id, name, country, NewContactPoint.categories(categories), endpoint,
                    bearerTokenEnv, clientCertificate == null ? null : Path.of(clientCertificate).toAbsolutePath().normalize().toString(),
                    clientCertificatePasswordEnv), GatewayInstance.administrator());
            out.println("ADDED " + line(added));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the contact points: id, status, country, categories, endpoint, name.")
    static final class ListContactPoints extends OnRegistry {
        @Override
        int run(ContactPointRegistry registry, PrintWriter out) throws SQLException {
            List<ContactPointRecord> contactPoints = registry.list();
            if (contactPoints.isEmpty()) {
                out.println("no contact points registered");
            }
            contactPoints.forEach(contactPoint -> out.println(line(contactPoint)));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A contact point with its credentials (names only), certificates and queued deliveries (held while suspended).")
    static final class Show extends OnRegistry {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(ContactPointRegistry registry, PrintWriter out) throws SQLException {
            ContactPointRecord contactPoint = registry.show(id);
            out.println(line(contactPoint));
            out.println("  credentials: " + (contactPoint.bearerTokenEnv() == null ? "" : "bearer token from $" + contactPoint.bearerTokenEnv() + " ")
                    + (contactPoint.clientCertificateFile() == null ? "" : "client certificate " + contactPoint.clientCertificateFile()
                    + " (password from $" + contactPoint.clientCertificatePasswordEnv() + ")")
                    + (contactPoint.bearerTokenEnv() == null && contactPoint.clientCertificateFile() == null ? "none" : "")
                    + "; last changed " + contactPoint.updatedAt());
            int queued = registry.queuedDeliveries(id);
            out.println(contactPoint.active() ? "  deliveries queued: " + queued
                    : "  SUSPENDED" + (contactPoint.statusReason() == null ? "" : " (" + contactPoint.statusReason() + ")")
                    + ": notices are still routed to it; " + queued + " deliveries are held (queued, not sent) until 'contact-point resume "
                    + id + "'");
            List<ContactPointCertificateRecord> certificates = registry.certificates().list(id);
            out.println("  encryption certificates: " + (certificates.isEmpty() ? "none (deliveries are signed, not encrypted)" : certificates.size()));
            certificates.forEach(certificate -> out.println("    " + line(certificate)));
            return 0;
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = {"Holds the contact point's deliveries: notices are still routed to it and queued, but nothing is sent",
                    "until it is resumed (nothing is lost). Its certificates are kept."})
    static final class Suspend extends OnRegistry {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--reason", description = "Why, for the audit trail.")
        String reason;

        @Override
        int run(ContactPointRegistry registry, PrintWriter out) throws SQLException {
            out.println("SUSPENDED " + line(registry.suspend(id, reason, GatewayInstance.administrator())));
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Sends a suspended contact point's held deliveries, and new ones, again.")
    static final class Resume extends OnRegistry {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(ContactPointRegistry registry, PrintWriter out) throws SQLException {
            out.println("RESUMED " + line(registry.resume(id, GatewayInstance.administrator())));
            return 0;
        }
    }

    @Command(name = "import-yaml", mixinStandardHelpOptions = true,
            description = {"Imports a contact-points file (the format of config/contact-points.yaml) in one step: if any contact point",
                    "in it is already registered, or any entry is wrong, nothing is imported."})
    static final class ImportYaml extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        int run(Database db, PrintWriter out) throws SQLException, IOException {
            ContactPointBootstrap.Result result = new ContactPointBootstrap(db, new AuditTrail(clock), clock).importFile(file,
                    GatewayInstance.administrator());
            result.warnings().forEach(warning -> err().println("WARNING: " + warning));
            out.println("IMPORTED " + result.contactPoints() + " contact points, " + result.certificates() + " certificates from " + file);
            return 0;
        }
    }

    @Command(name = "cert", mixinStandardHelpOptions = true,
            description = {"The certificates deliveries to a contact point are encrypted for, each used inside its window of use;",
                    "during a rollover (overlapping windows) the one whose window started last is used."},
            subcommands = {CertImport.class, CertList.class, CertRevoke.class, CertRemove.class})
    static final class Cert implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Registers a contact point's encryption certificate from PEM, DER, a PKCS#7 chain or a PKCS#12 file (its certificate only).")
    static final class CertImport extends OnRegistry {
        @Option(names = "--contact-point", required = true, paramLabel = "ID")
        String contactPoint;

        @Option(names = "--file", required = true, paramLabel = "FILE")
        Path file;

        @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the PKCS#12 file's password.")
        String passwordEnv;

        @Option(names = "--use-from", paramLabel = "DATE", description = "Used from (2026-12-01 or 2026-12-01T08:00:00Z; default: not before).")
        String useFrom;

        @Option(names = "--use-until", paramLabel = "DATE", description = "Used until (default: not after).")
        String useUntil;

        @Option(names = "--allow-expired", description = "Keep an expired certificate on record (it is never used).")
        boolean allowExpired;

        @Override
        int run(ContactPointRegistry registry, PrintWriter out) throws SQLException, IOException {
            var imported = registry.certificates().importCertificate(contactPoint, read(file), file.toString(), secret(passwordEnv),
                    new UseWindow(UseWindow.parse(useFrom), UseWindow.parse(useUntil)), allowExpired, GatewayInstance.administrator());
            imported.warnings().forEach(warning -> err().println("WARNING: " + warning));
            out.println("IMPORTED " + line(imported.certificate()));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists encryption certificates: contact point, fingerprint, state now (IN-USE, NOT-YET, ENDED, REVOKED), window, subject.")
    static final class CertList extends OnRegistry {
        @Option(names = "--contact-point", paramLabel = "ID", description = "Only this contact point's (default: every one's).")
        String contactPoint;

        @Override
        int run(ContactPointRegistry registry, PrintWriter out) throws SQLException {
            List<ContactPointCertificateRecord> certificates = registry.certificates().list(contactPoint);
            if (certificates.isEmpty()) {
                out.println("no certificates registered");
            }
            certificates.forEach(certificate -> out.println(line(certificate)));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Stops encrypting for a certificate now; it stays on record with the reason.")
    static final class CertRevoke extends OnRegistry {
        @Option(names = "--contact-point", required = true, paramLabel = "ID")
        String contactPoint;

        @Parameters(index = "0", paramLabel = "FINGERPRINT", description = "SHA-256 of the certificate, or a unique prefix of 8+ hex digits.")
        String fingerprint;

        @Option(names = "--reason", required = true)
        String reason;

        @Override
        int run(ContactPointRegistry registry, PrintWriter out) throws SQLException {
            out.println("REVOKED " + line(registry.certificates().revoke(contactPoint, fingerprint, reason, GatewayInstance.administrator())));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Deletes a certificate from the directory (a mistaken import); the audit trail keeps what it was.")
    static final class CertRemove extends OnRegistry {
        @Option(names = "--contact-point", required = true, paramLabel = "ID")
        String contactPoint;

        @Parameters(index = "0", paramLabel = "FINGERPRINT")
        String fingerprint;

        @Override
        int run(ContactPointRegistry registry, PrintWriter out) throws SQLException {
            out.println("REMOVED " + line(registry.certificates().remove(contactPoint, fingerprint, GatewayInstance.administrator())));
            return 0;
        }
    }

    static String line(ContactPointRecord contactPoint) {
        return String.format("%-16s %-9s %-2s  %-30s %s  %s", contactPoint.id(), contactPoint.status(), contactPoint.country(),
                String.join(",", contactPoint.categories().stream().map(Category::name).toList()), contactPoint.endpoint(), contactPoint.name());
    }

    static String line(ContactPointCertificateRecord certificate) {
        Instant now = Instant.now();
        String state = CertCommand.state(certificate.revokedAt() != null, certificate.inUseAt(now), now.isBefore(certificate.useFrom()));
        return String.format("%-16s %s  %-7s used %s to %s  '%s' (serial %s)%s", certificate.contactPointId(), certificate.sha256(), state,
                certificate.useFrom(), certificate.useUntil(), certificate.subject(), certificate.serial(),
                certificate.revokedReason() == null ? "" : "  revoked " + certificate.revokedAt() + ": " + certificate.revokedReason());
    }
}
