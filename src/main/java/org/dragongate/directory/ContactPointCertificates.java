package org.dragongate.directory;

import java.security.cert.X509Certificate;
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
import java.util.Optional;
import org.dragongate.crypto.Certificates;
import org.dragongate.directory.DirectoryException.Problem;
import org.dragongate.routing.ContactPoint;
import org.dragongate.store.AuditEvent;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.Sql;

/**
 * The certificates deliveries to a contact point are encrypted for, each with its window of use: a
 * contact point's key rollover is two overlapping windows, and deliveries use the certificate whose
 * window started last. Each change is one transaction with its {@link AuditEvent#ADMIN_ACTION} record.
 */
public final class ContactPointCertificates {
    private static final String COLUMNS = "contact_point_id, sha256, subject, issuer, serial, not_before, not_after, use_from, use_until,"
            + " status, revoked_reason, revoked_at";
    private static final String LIST_COMMAND = "contact-point cert list";

    /** What an import registered, and what the administrator should know about it (an expired certificate, say). */
    public record Imported(ContactPointCertificateRecord certificate, List<String> warnings) {
        public Imported {
            warnings = List.copyOf(warnings);
        }
    }

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;

    ContactPointCertificates(Database db, AuditTrail trail, Clock clock) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Registers the encryption certificate in a PEM, DER, PKCS#7 or PKCS#12 file (its certificate only;
     * CA certificates of a chain are left out).
     *
     * @param password the PKCS#12 password, or null
     * @throws DirectoryException UNKNOWN_CONTACT_POINT, NOT_A_CERTIFICATE, PRIVATE_KEY, PASSWORD_REQUIRED, WRONG_PASSWORD,
     *                            INVALID_INPUT (not an encryption certificate), EXPIRED (unless allowed),
     *                            WINDOW_OUTSIDE_VALIDITY, DUPLICATE
     */
    public Imported importCertificate(String contactPointId, byte[] data, String source, char[] password, UseWindow window,
                                      boolean allowExpired, String actor) throws SQLException {
        List<X509Certificate> endEntities = CertificateParser.certificates(data, source, password).stream()
                .filter(certificate -> certificate.getBasicConstraints() < 0).toList();
        if (endEntities.size() != 1) {
            throw new DirectoryException(Problem.INVALID_INPUT, source + " holds " + endEntities.size()
                    + " end-entity certificates; give the file with the contact point's one encryption certificate");
        }
        return db.inTransaction(c -> register(c, contactPointId, endEntities.get(0), window, allowExpired, actor));
    }

    /** Inside the caller's transaction. */
    Imported register(Connection c, String contactPointId, X509Certificate certificate, UseWindow window, boolean allowExpired,
                      String actor) throws SQLException {
        ContactPointRegistry.find(c, contactPointId);
        Optional<String> problem = ContactPoint.encryptionProblem(certificate);
        if (problem.isPresent()) {
            throw new DirectoryException(Problem.INVALID_INPUT, "the certificate " + problem.get());
        }
        Instant now = Sql.micros(clock.instant());
        List<String> warnings = new ArrayList<>();
        String warning = CertificateChecks.expiry(certificate, now, allowExpired, "ask the contact point for its current certificate");
        if (warning != null) {
            warnings.add(warning);
        }
        CertificateChecks.Window use = CertificateChecks.window(certificate, window);
        String sha256 = Certificates.fingerprint(certificate);
        List<ContactPointCertificateRecord> existing = select(c, " WHERE contact_point_id = ? AND sha256 = ?", contactPointId, sha256);
        if (!existing.isEmpty()) {
            throw new DirectoryException(Problem.DUPLICATE, existing.get(0).describe() + " is already registered for contact point "
                    + contactPointId + " (" + existing.get(0).status() + "); revoke or remove it first to register it again");
        }
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Sql.update(c, "INSERT INTO contact_point_certificate (" + COLUMNS + ", der, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                contactPointId, sha256, Sql.cut(certificate.getSubjectX500Principal().getName(), 1024),
                Sql.cut(certificate.getIssuerX500Principal().getName(), 1024), certificate.getSerialNumber().toString(16),
                notBefore, notAfter, use.from(), use.until(), CertificateRecord.ACTIVE, null, null, CertificateChecks.der(certificate), now);
        ContactPointCertificateRecord record = select(c, " WHERE contact_point_id = ? AND sha256 = ?", contactPointId, sha256).get(0);
        trail.append(c, actor, AuditEvent.ADMIN_ACTION, ContactPointRegistry.subject(contactPointId), "certificate imported for contact point "
                + contactPointId + ": " + record.describe() + " sha256 " + sha256 + ", issuer '" + record.issuer() + "', valid " + notBefore
                + " to " + notAfter + ", used " + use.from() + " to " + use.until() + (warning == null ? "" : ", expired (allowed by the administrator)"));
        return new Imported(record, warnings);
    }

    /** A contact point's certificates (every contact point's when null), by contact point, then the start of their window. */
    public List<ContactPointCertificateRecord> list(String contactPointId) throws SQLException {
        return db.inTransaction(c -> {
            if (contactPointId == null) {
                return select(c, " ORDER BY contact_point_id, use_from, sha256");
            }
            ContactPointRegistry.find(c, contactPointId);
            return select(c, " WHERE contact_point_id = ? ORDER BY use_from, sha256", contactPointId);
        });
    }

    /**
     * Stops encrypting for a certificate at once, keeping it on record with the reason. Deliveries already
     * sealed for it are not sealed again.
     *
     * @param fingerprint its SHA-256, or a unique prefix of at least 8 hex digits
     */
    public ContactPointCertificateRecord revoke(String contactPointId, String fingerprint, String reason, String actor) throws SQLException {
        if (reason == null || reason.isBlank()) {
            throw new DirectoryException(Problem.INVALID_INPUT, "a revocation needs a reason");
        }
        return db.inTransaction(c -> {
            ContactPointCertificateRecord record = one(c, contactPointId, fingerprint);
            if (CertificateRecord.REVOKED.equals(record.status())) {
                throw new DirectoryException(Problem.ALREADY_REVOKED, record.describe() + " was already revoked on " + record.revokedAt()
                        + " (" + record.revokedReason() + ")");
            }
            Sql.update(c, "UPDATE contact_point_certificate SET status = ?, revoked_reason = ?, revoked_at = ? WHERE contact_point_id = ?"
                    + " AND sha256 = ?", CertificateRecord.REVOKED, Sql.cut(reason.strip(), 1000), clock.instant(), contactPointId, record.sha256());
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, ContactPointRegistry.subject(contactPointId), "certificate revoked for contact point "
                    + contactPointId + ": " + record.describe() + " sha256 " + record.sha256() + ", reason: " + reason.strip());
            return one(c, contactPointId, record.sha256());
        });
    }

    /** Deletes a certificate from the directory (a mistaken import); the audit trail keeps what it was. */
    public ContactPointCertificateRecord remove(String contactPointId, String fingerprint, String actor) throws SQLException {
        return db.inTransaction(c -> {
            ContactPointCertificateRecord record = one(c, contactPointId, fingerprint);
            Sql.update(c, "DELETE FROM contact_point_certificate WHERE contact_point_id = ? AND sha256 = ?", contactPointId, record.sha256());
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, ContactPointRegistry.subject(contactPointId), "certificate removed for contact point "
                    + contactPointId + ": " + record.describe() + " sha256 " + record.sha256() + " (" + record.status() + ")");
            return record;
        });
    }

    /** For each contact point, the certificate deliveries are encrypted for at {@code now}: in use, the latest window start. */
    static Map<String, X509Certificate> inUse(Connection c, Instant now) throws SQLException {
        Map<String, X509Certificate> chosen = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT contact_point_id, der FROM contact_point_certificate"
                + " WHERE status = ? AND use_from <= ? AND use_until > ? ORDER BY contact_point_id, use_from, sha256")) {
            Sql.bind(select, CertificateRecord.ACTIVE, now, now);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    // Ordered by window start: the last one read for a contact point is the newest.
                    chosen.put(rs.getString(1), (X509Certificate) CertificateChecks.decode(rs.getBytes(2), false));
                }
            }
        }
        return chosen;
    }

    private static ContactPointCertificateRecord one(Connection c, String contactPointId, String fingerprint) throws SQLException {
        String prefix = CertificateChecks.prefix(fingerprint, LIST_COMMAND);
        ContactPointRegistry.find(c, contactPointId);
        List<ContactPointCertificateRecord> found = select(c, " WHERE contact_point_id = ? AND sha256 LIKE ?", contactPointId, prefix + "%");
        if (found.isEmpty()) {
            throw new DirectoryException(Problem.UNKNOWN_CERTIFICATE, "contact point " + contactPointId + " has no certificate " + prefix
                    + " ('" + LIST_COMMAND + " --contact-point " + contactPointId + "' shows them)");
        }
        if (found.size() > 1) {
            throw new DirectoryException(Problem.AMBIGUOUS_CERTIFICATE, "several certificates of contact point " + contactPointId
                    + " start with " + prefix + "; give more of the fingerprint");
        }
        return found.get(0);
    }

    private static List<ContactPointCertificateRecord> select(Connection c, String where, Object... values) throws SQLException {
        List<ContactPointCertificateRecord> records = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM contact_point_certificate" + where)) {
            Sql.bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    records.add(new ContactPointCertificateRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Sql.instant(rs, 6), Sql.instant(rs, 7), Sql.instant(rs, 8), Sql.instant(rs, 9),
                            rs.getString(10), rs.getString(11), Sql.instant(rs, 12)));
                }
            }
        }
        return records;
    }
}
