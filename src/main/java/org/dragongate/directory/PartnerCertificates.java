package org.dragongate.directory;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.dragongate.crypto.Certificates;
import org.dragongate.crypto.Digests;
import org.dragongate.directory.DirectoryException.Problem;
import org.dragongate.store.AuditEvent;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.Sql;

/**
 * A partner's certificates (trust anchors and pinned signers, each with its window of use) and its
 * CRLs. Each change is one transaction with its {@link AuditEvent#ADMIN_ACTION} record.
 */
public final class PartnerCertificates {
    private static final String COLUMNS = "partner_id, sha256, kind, subject, issuer, serial, not_before, not_after, use_from, use_until,"
            + " status, revoked_reason, revoked_at";

    /** What an import registered, and what the administrator should know about it (an expired certificate, say). */
    public record Imported(List<CertificateRecord> certificates, List<String> warnings) {
        public Imported {
            certificates = List.copyOf(certificates);
            warnings = List.copyOf(warnings);
        }
    }

    /** How to register the certificates of one import. */
    public record ImportOptions(CertificateKind kind, UseWindow window, boolean allowExpired) {
        /** The kind follows from the file, the window is the certificate's validity, an expired certificate is refused. */
        public static final ImportOptions DEFAULTS = new ImportOptions(null, UseWindow.VALIDITY, false);
    }

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;

    PartnerCertificates(Database db, AuditTrail trail, Clock clock) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Registers the certificates of a PEM, DER, PKCS#7 or PKCS#12 file for a partner. With no kind given, a
     * file with an end-entity certificate pins it, a file of CA certificates makes them trust anchors; a
     * chain contributes only the certificates of the kind asked for.
     *
     * @param password the PKCS#12 password, or null
     * @throws DirectoryException UNKNOWN_PARTNER, NOT_A_CERTIFICATE, PRIVATE_KEY, PASSWORD_REQUIRED, WRONG_PASSWORD,
     *                            EXPIRED (unless allowed), WINDOW_OUTSIDE_VALIDITY, DUPLICATE, INVALID_INPUT
     */
    public Imported importCertificate(String partnerId, byte[] data, String source, char[] password, ImportOptions options,
                                      String actor) throws SQLException {
        List<X509Certificate> certificates = CertificateParser.certificates(data, source, password);
        CertificateKind kind = options.kind() != null ? options.kind()
                : certificates.stream().anyMatch(cert -> cert.getBasicConstraints() < 0) ? CertificateKind.PINNED : CertificateKind.TRUST_ANCHOR;
        List<X509Certificate> chosen = certificates.stream()
                .filter(certificate -> (certificate.getBasicConstraints() >= 0) == (kind == CertificateKind.TRUST_ANCHOR)).toList();
        if (chosen.isEmpty()) {
            throw new DirectoryException(Problem.INVALID_INPUT, source + " holds no " + (kind == CertificateKind.TRUST_ANCHOR
                    ? "CA certificate to use as a trust anchor (import it with --kind pinned)" : "end-entity certificate to pin"));
        }
        return db.inTransaction(c -> register(c, partnerId, chosen, new ImportOptions(kind, options.window(), options.allowExpired()), actor));
    }

    /** Inside the caller's transaction: registers each certificate (once) as {@code options.kind()}, which must be set. */
    Imported register(Connection c, String partnerId, List<X509Certificate> certificates, ImportOptions options, String actor)
            throws SQLException {
        PartnerRegistry.find(c, partnerId);
        CertificateKind kind = options.kind();
        Map<String, X509Certificate> chosen = new LinkedHashMap<>();
        for (X509Certificate certificate : certificates) {
            chosen.putIfAbsent(Certificates.fingerprint(certificate), certificate);
        }
        Instant now = Sql.micros(clock.instant());
        List<CertificateRecord> imported = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, X509Certificate> entry : chosen.entrySet()) {
            X509Certificate certificate = entry.getValue();
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            String warning = CertificateChecks.expiry(certificate, now, options.allowExpired(), "ask the partner for its current certificate");
            if (warning != null) {
                warnings.add(warning);
            }
            CertificateChecks.Window window = CertificateChecks.window(certificate, options.window());
            Instant useFrom = window.from();
            Instant useUntil = window.until();
            String sha256 = entry.getKey();
            List<CertificateRecord> existing = select(c, " WHERE partner_id = ? AND sha256 = ?", partnerId, sha256);
            if (!existing.isEmpty()) {
                throw new DirectoryException(Problem.DUPLICATE, "certificate " + existing.get(0).describe() + " is already registered for partner "
                        + partnerId + " (" + existing.get(0).status() + "); revoke or remove it first to register it again");
            }
            Sql.update(c, "INSERT INTO partner_certificate (" + COLUMNS + ", der, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    partnerId, sha256, kind.name(), Sql.cut(certificate.getSubjectX500Principal().getName(), 1024),
                    Sql.cut(certificate.getIssuerX500Principal().getName(), 1024), certificate.getSerialNumber().toString(16),
                    notBefore, notAfter, useFrom, useUntil, CertificateRecord.ACTIVE, null, null, CertificateChecks.der(certificate), now);
            CertificateRecord record = select(c, " WHERE partner_id = ? AND sha256 = ?", partnerId, sha256).get(0);
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, PartnerRegistry.subject(partnerId), "certificate imported for partner " + partnerId
                    + ": " + record.describe() + " sha256 " + sha256 + ", issuer '" + record.issuer() + "', valid " + notBefore + " to "
                    + notAfter + ", used " + useFrom + " to " + useUntil + (now.isBefore(notAfter) ? "" : ", expired (allowed by the administrator)"));
            imported.add(record);
        }
        return new Imported(imported, warnings);
    }

    /** A partner's certificates (all partners' when null), by partner, then kind, then the start of their window. */
    public List<CertificateRecord> list(String partnerId) throws SQLException {
        return db.inTransaction(c -> {
            if (partnerId == null) {
                return select(c, " ORDER BY partner_id, kind, use_from, sha256");
            }
            PartnerRegistry.find(c, partnerId);
            return select(c, " WHERE partner_id = ? ORDER BY kind, use_from, sha256", partnerId);
        });
    }

    /**
     * Stops accepting a certificate at once, keeping it on record with the reason.
     *
     * @param fingerprint its SHA-256, or a unique prefix of at least 8 hex digits
     */
    public CertificateRecord revoke(String partnerId, String fingerprint, String reason, String actor) throws SQLException {
        if (reason == null || reason.isBlank()) {
            throw new DirectoryException(Problem.INVALID_INPUT, "a revocation needs a reason");
        }
        return db.inTransaction(c -> {
            CertificateRecord record = one(c, partnerId, fingerprint);
            if (CertificateRecord.REVOKED.equals(record.status())) {
                throw new DirectoryException(Problem.ALREADY_REVOKED, "certificate " + record.describe() + " was already revoked on "
                        + record.revokedAt() + " (" + record.revokedReason() + ")");
            }
            Sql.update(c, "UPDATE partner_certificate SET status = ?, revoked_reason = ?, revoked_at = ? WHERE partner_id = ? AND sha256 = ?",
                    CertificateRecord.REVOKED, Sql.cut(reason.strip(), 1000), clock.instant(), partnerId, record.sha256());
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, PartnerRegistry.subject(partnerId), "certificate revoked for partner " + partnerId
                    + ": " + record.describe() + " sha256 " + record.sha256() + ", reason: " + reason.strip());
            return one(c, partnerId, record.sha256());
        });
    }

    /** Deletes a certificate from the directory (a mistaken import); the audit trail keeps what it was. */
    public CertificateRecord remove(String partnerId, String fingerprint, String actor) throws SQLException {
        return db.inTransaction(c -> {
            CertificateRecord record = one(c, partnerId, fingerprint);
            Sql.update(c, "DELETE FROM partner_certificate WHERE partner_id = ? AND sha256 = ?", partnerId, record.sha256());
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, PartnerRegistry.subject(partnerId), "certificate removed for partner " + partnerId
                    + ": " + record.describe() + " sha256 " + record.sha256() + " (" + record.status() + ")");
            return record;
        });
    }

    /**
     * Registers a partner's CRL; it replaces older CRLs of the same issuer.
     *
     * @throws DirectoryException UNKNOWN_PARTNER, NOT_A_CRL, DUPLICATE, STALE_CRL (one as new or newer is registered)
     */
    public CrlRecord importCrl(String partnerId, byte[] data, String source, String actor) throws SQLException {
        X509CRL crl = CertificateParser.crl(data, source);
        return db.inTransaction(c -> register(c, partnerId, crl, actor, source));
    }

    /** Inside the caller's transaction. */
    CrlRecord register(Connection c, String partnerId, X509CRL crl, String actor) throws SQLException {
        return register(c, partnerId, crl, actor, null);
    }

    /** @param source where the CRL came from (a file, a distribution point), for the audit trail; null when unknown */
    CrlRecord register(Connection c, String partnerId, X509CRL crl, String actor, String source) throws SQLException {
        PartnerRegistry.find(c, partnerId);
        byte[] der;
        try {
            der = crl.getEncoded();
        } catch (java.security.cert.CRLException e) {
            throw new DirectoryException(Problem.NOT_A_CRL, "the CRL cannot be encoded: " + e.getMessage());
        }
        String sha256 = sha256(der);
        String issuer = Sql.cut(crl.getIssuerX500Principal().getName(), 1024);
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        int replaced = 0;
        for (CrlRecord existing : crls(c, partnerId)) {
            if (existing.sha256().equals(sha256)) {
                throw new DirectoryException(Problem.DUPLICATE, "this CRL of '" + issuer + "' (this update " + thisUpdate
                        + ") is already registered for partner " + partnerId);
            }
            if (existing.issuer().equals(issuer)) {
                if (!existing.thisUpdate().isBefore(thisUpdate)) {
                    throw new DirectoryException(Problem.STALE_CRL, "partner " + partnerId + " already has a CRL of '" + issuer
                            + "' issued " + existing.thisUpdate() + ", not older than this one (" + thisUpdate + ")");
                }
                replaced += Sql.update(c, "DELETE FROM partner_crl WHERE partner_id = ? AND sha256 = ?", partnerId, existing.sha256());
            }
        }
        Sql.update(c, "INSERT INTO partner_crl (partner_id, sha256, der, issuer, this_update, next_update, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                partnerId, sha256, der, issuer, thisUpdate, nextUpdate, clock.instant());
        int entries = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        trail.append(c, actor, AuditEvent.ADMIN_ACTION, PartnerRegistry.subject(partnerId), "CRL imported for partner " + partnerId
                + ": issuer '" + issuer + "', this update " + thisUpdate + ", next update " + nextUpdate + ", " + entries
                + " revoked certificates, sha256 " + sha256 + (replaced > 0 ? ", replaces " + replaced + " older" : "")
                + (source == null ? "" : ", from " + source));
        return new CrlRecord(partnerId, sha256, issuer, thisUpdate, nextUpdate);
    }

    public List<CrlRecord> crls(String partnerId) throws SQLException {
        return db.inTransaction(c -> {
            PartnerRegistry.find(c, partnerId);
            return crls(c, partnerId);
        });
    }

    /** Every certificate of the directory, with its decoded form; {@link CertificateRecord#inUseAt} says which are accepted. */
    static void forEach(Connection c, BiConsumer<CertificateRecord, X509Certificate> action) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + ", der FROM partner_certificate"
                + " ORDER BY partner_id, use_from, sha256")) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    action.accept(record(rs), (X509Certificate) CertificateChecks.decode(rs.getBytes(14), false));
                }
            }
        }
    }

    static Map<String, List<X509CRL>> crlsByPartner(Connection c) throws SQLException {
        Map<String, List<X509CRL>> crls = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT partner_id, der FROM partner_crl ORDER BY partner_id, this_update");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                crls.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add((X509CRL) CertificateChecks.decode(rs.getBytes(2), true));
            }
        }
        return crls;
    }

    static List<CrlRecord> crls(Connection c, String partnerId) throws SQLException {
        List<CrlRecord> crls = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT partner_id, sha256, issuer, this_update, next_update FROM partner_crl WHERE partner_id = ? ORDER BY issuer, this_update")) {
            select.setString(1, partnerId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    crls.add(new CrlRecord(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, 4), Sql.instant(rs, 5)));
                }
            }
        }
        return crls;
    }

    /** The one certificate of the partner whose fingerprint starts with {@code fingerprint}. */
    private static CertificateRecord one(Connection c, String partnerId, String fingerprint) throws SQLException {
        String prefix = CertificateChecks.prefix(fingerprint, "cert list");
        PartnerRegistry.find(c, partnerId);
        List<CertificateRecord> found = select(c, " WHERE partner_id = ? AND sha256 LIKE ?", partnerId, prefix + "%");
        if (found.isEmpty()) {
            throw new DirectoryException(Problem.UNKNOWN_CERTIFICATE, "partner " + partnerId + " has no certificate " + prefix
                    + " ('cert list --partner " + partnerId + "' shows them)");
        }
        if (found.size() > 1) {
            throw new DirectoryException(Problem.AMBIGUOUS_CERTIFICATE, "several certificates of partner " + partnerId + " start with "
                    + prefix + "; give more of the fingerprint");
        }
        return found.get(0);
    }

    private static List<CertificateRecord> select(Connection c, String where, Object... values) throws SQLException {
        List<CertificateRecord> records = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM partner_certificate" + where)) {
            Sql.bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    records.add(record(rs));
                }
            }
        }
        return records;
    }

    private static CertificateRecord record(ResultSet rs) throws SQLException {
        return new CertificateRecord(rs.getString(1), rs.getString(2), CertificateKind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), Sql.instant(rs, 7), Sql.instant(rs, 8), Sql.instant(rs, 9), Sql.instant(rs, 10),
                rs.getString(11), rs.getString(12), Sql.instant(rs, 13));
    }

    private static String sha256(byte[] data) {
        return Digests.sha256Hex(data);
    }
}
