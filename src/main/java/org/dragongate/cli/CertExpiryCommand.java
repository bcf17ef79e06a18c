package org.dragongate.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import org.dragongate.directory.ContactPointRegistry;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.expiry.CertificateExpiry;
import org.dragongate.expiry.CertificateInventory;
import org.dragongate.expiry.ContactPointCertificateInventory;
import org.dragongate.expiry.ExpiryStatus;
import org.dragongate.expiry.ExpiryThresholds;
import org.dragongate.expiry.GatewayCertificateInventory;
import org.dragongate.expiry.PartnerCertificateInventory;
import org.dragongate.keys.GatewayKeyRegistry;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "expiry", mixinStandardHelpOptions = true,
        description = {"Lists every certificate the gateway watches (partners', contact points' encryption and mutual-TLS client",
                "certificates, its own keys'; client certificates need their password variables set here too), soonest to expire",
                "first: state (OK, WARNING/<threshold days>, EXPIRED), whole days left, not-after, fingerprint, owner, use, subject.",
                "The running gateway warns administrators 30, 14, 7 and 1 days before each one expires (see expiry.* settings)."})
final class CertExpiryCommand extends DatabaseCommand {
    /** The owner and the subject, of any length, come last so the columns before them stay aligned. */
    private static final String FORMAT = "%-10s %5s  %-20s  %-16s  %-13s %-14s %s  %s%n";

    @Option(names = "--within", paramLabel = "DAYS", description = "Only those with no more than DAYS whole days left (expired ones included).")
    Long within;

    @Override
    int run(Database db, PrintWriter out) throws SQLException {
        AuditTrail trail = new AuditTrail(clock);
        List<CertificateInventory> sources = List.of(new PartnerCertificateInventory(new PartnerRegistry(db, trail, clock)),
                new ContactPointCertificateInventory(new ContactPointRegistry(db, trail, clock), environment),
                new GatewayCertificateInventory(new GatewayKeyRegistry(db, trail, clock, null)));
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
