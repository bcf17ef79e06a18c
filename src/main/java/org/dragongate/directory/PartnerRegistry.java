package org.dragongate.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dragongate.directory.DirectoryException.Problem;
import org.dragongate.store.AuditEvent;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.Sql;
import org.dragongate.trust.OutOfUseCertificate;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;

/**
 * The partners in the database: who may send and over which channels. Each change is one
 * transaction with its {@link AuditEvent#ADMIN_ACTION} record, naming who made it.
 * {@link #load()} gives the gateway the directory it checks packages against.
 */
public final class PartnerRegistry {
    private static final String COLUMNS = "partner_id, name, country, sftp_account, status, allow_legacy_key_transport, updated_at";
    /** What is read: the columns written on registration, and why the partner is suspended. */
    private static final String SELECTED = COLUMNS + ", status_reason";

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;

    public PartnerRegistry(Database db, AuditTrail trail, Clock clock) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
    }

    /** The partner's certificates and CRLs, kept in the same database. */
    public PartnerCertificates certificates() {
        return new PartnerCertificates(db, trail, clock);
    }

    public PartnerRecord add(NewPartner partner, String actor) throws SQLException {
        return db.inTransaction(c -> add(c, partner, actor, "partner " + partner.id() + " added"));
    }

    /** Inside the caller's transaction; {@code what} opens the audit detail. */
    PartnerRecord add(Connection c, NewPartner partner, String actor, String what) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM partner WHERE partner_id = ?", partner.id())) {
            throw new DirectoryException(Problem.PARTNER_EXISTS, "partner " + partner.id() + " is already registered");
        }
        Instant now = Sql.micros(clock.instant());
        Sql.update(c, "INSERT INTO partner (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", partner.id(), partner.name(),
                partner.country(), partner.sftpAccount(), PartnerRecord.ACTIVE, partner.allowLegacyKeyTransport(), now, now);
        for (String address : partner.sortedMailAddresses()) {
            String owner = mailOwner(c, address);
            if (owner != null) {
                throw new DirectoryException(Problem.MAIL_ADDRESS_TAKEN, "mail address " + address + " already belongs to partner " + owner);
            }
            Sql.update(c, "INSERT INTO partner_mail (partner_id, address) VALUES (?, ?)", partner.id(), address);
        }
        trail.append(c, actor, AuditEvent.ADMIN_ACTION, subject(partner.id()), what + ": name '" + partner.name() + "', country "
                + partner.country() + ", SFTP account " + partner.sftpAccount() + ", mail " + partner.sortedMailAddresses()
                + (partner.allowLegacyKeyTransport() ? ", legacy key transport allowed" : ""));
        return find(c, partner.id());
    }

    public List<PartnerRecord> list() throws SQLException {
        return db.inTransaction(c -> partners(c, "SELECT " + SELECTED + " FROM partner ORDER BY partner_id"));
    }

    /** @throws DirectoryException UNKNOWN_PARTNER */
    public PartnerRecord show(String partnerId) throws SQLException {
        return db.inTransaction(c -> find(c, partnerId));
    }

    /** A suspended partner's packages are refused (its channel has no partner) until it is resumed; its certificates stay. */
    public PartnerRecord suspend(String partnerId, String reason, String actor) throws SQLException {
        String why = Sql.reason(reason);
        return changeStatus(partnerId, PartnerRecord.SUSPENDED, why, "suspended" + (why == null ? "" : ": " + why), actor);
    }

    public PartnerRecord resume(String partnerId, String actor) throws SQLException {
        return changeStatus(partnerId, PartnerRecord.ACTIVE, null, "resumed", actor);
    }

    private PartnerRecord changeStatus(String partnerId, String status, String reason, String what, String actor) throws SQLException {
        return db.inTransaction(c -> {
            PartnerRecord before = find(c, partnerId);
            if (before.status().equals(status)) {
                return before;
            }
            Sql.update(c, "UPDATE partner SET status = ?, status_reason = ?, updated_at = ? WHERE partner_id = ?", status, reason, clock.instant(),
                    partnerId);
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, subject(partnerId), "partner " + partnerId + " " + what);
            return find(c, partnerId);
        });
    }

    public boolean isEmpty() throws SQLException {
        return db.inTransaction(c -> !Sql.exists(c, "SELECT 1 FROM partner"));
    }

    /**
     * The directory the gateway checks packages against, as it is now: active partners only, each with
     * the certificates that are active and inside their window of use at this moment, and its CRLs. The
     * partner's other certificates (revoked, outside their window) come along as out of use: never
     * trusted, only named when a package signed with one is refused.
     */
    public PartnerDirectory load() throws SQLException {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Map<String, List<java.security.cert.X509Certificate>> certificates = new HashMap<>();
            Map<String, List<OutOfUseCertificate>> outOfUse = new HashMap<>();
            PartnerCertificates.forEach(c, (record, certificate) -> {
                if (record.inUseAt(now)) {
                    certificates.computeIfAbsent(record.partnerId() + "/" + record.kind(), k -> new ArrayList<>()).add(certificate);
                } else {
                    outOfUse.computeIfAbsent(record.partnerId(), k -> new ArrayList<>()).add(new OutOfUseCertificate(certificate,
                            record.kind() == CertificateKind.TRUST_ANCHOR, record.useFrom(), record.useUntil(), record.revokedAt(),
                            record.revokedReason()));
                }
            });
            Map<String, List<java.security.cert.X509CRL>> crls = PartnerCertificates.crlsByPartner(c);
            List<Partner> partners = new ArrayList<>();
            for (PartnerRecord p : partners(c, "SELECT " + SELECTED + " FROM partner WHERE status = '" + PartnerRecord.ACTIVE
                    + "' ORDER BY partner_id")) {
                partners.add(new Partner(p.id(), p.name(), certificates.getOrDefault(p.id() + "/" + CertificateKind.TRUST_ANCHOR, List.of()),
                        certificates.getOrDefault(p.id() + "/" + CertificateKind.PINNED, List.of()), crls.getOrDefault(p.id(), List.of()),
                        p.allowLegacyKeyTransport(), Set.copyOf(p.mailAddresses()), outOfUse.getOrDefault(p.id(), List.of())));
            }
            return PartnerDirectory.of(partners.toArray(Partner[]::new));
        });
    }

    static String subject(String partnerId) {
        return "partner:" + partnerId;
    }

    /** @throws DirectoryException UNKNOWN_PARTNER */
    static PartnerRecord find(Connection c, String partnerId) throws SQLException {
        List<PartnerRecord> found = partners(c, "SELECT " + SELECTED + " FROM partner WHERE partner_id = ?", partnerId);
        if (found.isEmpty()) {
            throw new DirectoryException(Problem.UNKNOWN_PARTNER, "no partner " + partnerId + " is registered ('partner list' shows them)");
        }
        return found.get(0);
    }

    private static String mailOwner(Connection c, String address) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT partner_id FROM partner_mail WHERE address = ?")) {
            select.setString(1, address);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<PartnerRecord> partners(Connection c, String sql, Object... values) throws SQLException {
        Map<String, List<String>> mail = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT partner_id, address FROM partner_mail ORDER BY address");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                mail.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        List<PartnerRecord> partners = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            Sql.bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    partners.add(new PartnerRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(8), rs.getBoolean(6), mail.getOrDefault(rs.getString(1), List.of()), Sql.instant(rs, 7)));
                }
            }
        }
        return partners;
    }
}
