package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.expiry.CertificateExpiry;
import org.dragongate.expiry.CertificateInventory;
import org.dragongate.expiry.ContactPointCertificateInventory;
import org.dragongate.expiry.ExpiryStatus;
import org.dragongate.expiry.ExpiryThresholds;
import org.dragongate.expiry.GatewayCertificateInventory;
import org.dragongate.expiry.PartnerCertificateInventory;
import org.dragongate.routing.ContactPointDirectoryFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "expiry", mixinStandardHelpOptions = true,
        description = {"Lists every certificate the gateway watches (partners', contact points' and its own keys'), soonest to expire",
                "first: state (OK, WARNING/<threshold days>, EXPIRED), whole days left, not-after, fingerprint, owner, use, subject.",
                "The running gateway warns administrators 30, 14, 7 and 1 days before each one expires (see expiry.* settings)."})
final class CertExpiryCommand extends DirectoryCommand {
    /** The owner and the subject, of any length, come last so the columns before them stay aligned. */
    private static final String FORMAT = "%-10s %5s  %-20s  %-16s  %-13s %-14s %s  %s%n";

    @Option(names = "--within", paramLabel = "DAYS", description = "Only those with no more than DAYS whole days left (expired ones included).")
    Long within;

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway's settings, to find its keys and contact points (default ${DEFAULT-VALUE}).")
    Path config = Path.of("config", "application.properties");

    @Override
    int run(PartnerRegistry registry, PrintWriter out) throws SQLException, IOException {
        GatewaySettings settings = GatewaySettings.load(config, System::getenv);
        List<CertificateInventory> sources = new ArrayList<>(List.of(new PartnerCertificateInventory(registry)));
        // The partners are in the database; the contact points and keys are files the gateway reads, which this machine
        // may not hold: the rest is still listed, with a line saying what was left out.
        try {
            sources.add(new ContactPointCertificateInventory(ContactPointDirectoryFile.load(
                    Path.of(settings.get("gateway.contact-points-file", "config/contact-points.yaml")))));
        } catch (IOException | RuntimeException e) {
            err().println("WARNING: contact points not listed: " + e.getMessage());
        }
        try {
            List<Path> keys = Arrays.stream(settings.get("gateway.keys", "").split(",")).map(String::strip)
                    .filter(file -> !file.isEmpty()).map(Path::of).toList();
            sources.add(GatewayCertificateInventory.load(keys, Path.of(settings.get("gateway.signing-key", "keys-example/gateway/signing.p12")),
                    settings.get("gateway.key-password", "").toCharArray()));
        } catch (IOException | RuntimeException e) {
            err().println("WARNING: gateway keys not listed (is GATEWAY_KEY_PASSWORD set?): " + e.getMessage());
        }
        CertificateExpiry expiry = new CertificateExpiry(CertificateInventory.of(sources.toArray(CertificateInventory[]::new)),
                ExpiryThresholds.defaults(), clock);
        List<ExpiryStatus> statuses = within == null ? expiry.statuses() : expiry.within(within);
        if (statuses.isEmpty()) {
            out.println(within == null ? "no certificates watched" : "no certificate expires within " + within + " days");
            return 0;
        }
        out.printf(FORMAT, "STATE", "DAYS", "NOT-AFTER", "SHA256", "OWNER-KIND", "USE", "OWNER", "SUBJECT");
        for (ExpiryStatus status : statuses) {
            out.printf(FORMAT, status.state() == ExpiryStatus.State.WARNING ? "WARNING/" + status.thresholdDays() : status.state(),
                    status.daysLeft(), status.notAfter(), status.certificate().shortSha256(), status.ownerKind(), status.purpose(),
                    status.ownerId(), "'" + status.subject() + "'");
        }
        return 0;
    }
}
