package org.dragongate.directory;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dragongate.directory.DirectoryException.Problem;
import org.dragongate.notice.Category;
import org.dragongate.routing.ContactPoint;
import org.dragongate.routing.ContactPointDirectory;
import org.dragongate.routing.Credentials;
import org.dragongate.store.AuditEvent;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.Sql;

/**
 * The contact points in the database: who receives routed notices, where, and how the gateway
 * authenticates to them (names of secrets only). Each change is one transaction with its
 * {@link AuditEvent#ADMIN_ACTION} record, naming who made it. {@link #load()} gives the gateway the
 * directory it routes and delivers with.
 *
 * <p>A suspended contact point stays in that directory, so routing rules that name it still hold and
 * no notice is refused for it: its deliveries are queued as usual but held, never attempted, until it
 * is resumed (the delivery store leaves them unclaimed). Nothing is lost and nothing reaches it meanwhile.
 */
public final class ContactPointRegistry {
    private static final String COLUMNS = "contact_point_id, name, country, categories, endpoint, bearer_token_env, client_certificate_file,"
            + " client_certificate_password_env, status, updated_at";

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;

    public ContactPointRegistry(Database db, AuditTrail trail, Clock clock) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
    }

    /** The certificates deliveries are encrypted for, kept in the same database. */
    public ContactPointCertificates certificates() {
        return new ContactPointCertificates(db, trail, clock);
    }

    /** @throws DirectoryException CONTACT_POINT_EXISTS */
    public ContactPointRecord add(NewContactPoint contactPoint, String actor) throws SQLException {
        return db.inTransaction(c -> add(c, contactPoint, actor, "contact point " + contactPoint.id() + " added"));
    }

    /** Inside the caller's transaction; {@code what} opens the audit detail. */
    ContactPointRecord add(Connection c, NewContactPoint cp, String actor, String what) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM contact_point WHERE contact_point_id = ?", cp.id())) {
            throw new DirectoryException(Problem.CONTACT_POINT_EXISTS, "contact point " + cp.id() + " is already registered");
        }
        Instant now = Sql.micros(clock.instant());
        Sql.update(c, "INSERT INTO contact_point (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cp.id(), cp.name(),
                cp.country(), names(cp.categories()), cp.endpoint(), cp.bearerTokenEnv(), cp.clientCertificateFile(),
                cp.clientCertificatePasswordEnv(), ContactPointRecord.ACTIVE, now, now);
        trail.append(c, actor, AuditEvent.ADMIN_ACTION, subject(cp.id()), what + ": name '" + cp.name() + "', country " + cp.country()
                + ", categories " + names(cp.categories()) + ", endpoint " + cp.endpoint()
                + (cp.bearerTokenEnv() == null ? "" : ", bearer token from $" + cp.bearerTokenEnv())
                + (cp.clientCertificateFile() == null ? "" : ", client certificate " + cp.clientCertificateFile() + " (password from $"
                + cp.clientCertificatePasswordEnv() + ")"));
        return find(c, cp.id());
    }

    public List<ContactPointRecord> list() throws SQLException {
        return db.inTransaction(c -> select(c, " ORDER BY contact_point_id"));
    }

    /** @throws DirectoryException UNKNOWN_CONTACT_POINT */
    public ContactPointRecord show(String contactPointId) throws SQLException {
        return db.inTransaction(c -> find(c, contactPointId));
    }

    /** Deliveries to the contact point that are queued and not yet made: held ones while it is suspended. */
    public int queuedDeliveries(String contactPointId) throws SQLException {
        return db.inTransaction(c -> {
            find(c, contactPointId);
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE contact_point_id = ? AND state = 'QUEUED'")) {
                select.setString(1, contactPointId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Holds the contact point's deliveries (queued, not attempted) until it is resumed; notices are still routed to it. */
    public ContactPointRecord suspend(String contactPointId, String reason, String actor) throws SQLException {
        String why = Sql.reason(reason);
        return changeStatus(contactPointId, ContactPointRecord.SUSPENDED, why, "suspended" + (why == null ? "" : ": " + why)
                + "; its deliveries are held until it is resumed", actor);
    }

    /** Its held deliveries are made again, at their next due time. */
    public ContactPointRecord resume(String contactPointId, String actor) throws SQLException {
        return changeStatus(contactPointId, ContactPointRecord.ACTIVE, null, "resumed", actor);
    }

    private ContactPointRecord changeStatus(String contactPointId, String status, String reason, String what, String actor) throws SQLException {
        return db.inTransaction(c -> {
            ContactPointRecord before = find(c, contactPointId);
            if (before.status().equals(status)) {
                return before;
            }
            Sql.update(c, "UPDATE contact_point SET status = ?, status_reason = ?, updated_at = ? WHERE contact_point_id = ?", status, reason,
                    clock.instant(), contactPointId);
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, subject(contactPointId), "contact point " + contactPointId + " " + what);
            return find(c, contactPointId);
        });
    }

    public boolean isEmpty() throws SQLException {
        return db.inTransaction(c -> !Sql.exists(c, "SELECT 1 FROM contact_point"));
    }

    /**
     * The directory the gateway routes and delivers with, as it is now: every contact point (a suspended
     * one too: its deliveries are held, see the class comment), each with the certificate deliveries are
     * encrypted for at this moment, if any.
     */
    public ContactPointDirectory load() throws SQLException {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Map<String, X509Certificate> certificates = ContactPointCertificates.inUse(c, now);
            List<ContactPoint> contactPoints = new ArrayList<>();
            for (ContactPointRecord r : select(c, " ORDER BY contact_point_id")) {
                Credentials credentials = new Credentials(Optional.ofNullable(r.bearerTokenEnv()),
                        Optional.ofNullable(r.clientCertificateFile()).map(file -> new Credentials.ClientCertificate(Path.of(file),
                                r.clientCertificatePasswordEnv())));
                contactPoints.add(new ContactPoint(r.id(), r.name(), r.country(), r.categories(), URI.create(r.endpoint()),
                        Optional.ofNullable(certificates.get(r.id())), credentials));
            }
            return ContactPointDirectory.of(contactPoints.toArray(ContactPoint[]::new));
        });
    }

    public static String subject(String contactPointId) {
        return "contact-point:" + contactPointId;
    }

    /** @throws DirectoryException UNKNOWN_CONTACT_POINT */
    static ContactPointRecord find(Connection c, String contactPointId) throws SQLException {
        List<ContactPointRecord> found = select(c, " WHERE contact_point_id = ?", contactPointId);
        if (found.isEmpty()) {
            throw new DirectoryException(Problem.UNKNOWN_CONTACT_POINT, "no contact point " + contactPointId
                    + " is registered ('contact-point list' shows them)");
        }
        return found.get(0);
    }

    private static String names(Set<Category> categories) {
        return categories.stream().map(Category::name).collect(Collectors.joining(","));
    }

    private static List<ContactPointRecord> select(Connection c, String where, Object... values) throws SQLException {
        List<ContactPointRecord> records = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + ", status_reason FROM contact_point" + where)) {
            Sql.bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Set<Category> categories = EnumSet.noneOf(Category.class);
                    for (String name : rs.getString(4).split(",")) {
                        categories.add(Category.valueOf(name));
                    }
                    records.add(new ContactPointRecord(rs.getString(1), rs.getString(2), rs.getString(3), categories, rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(11), Sql.instant(rs, 10)));
                }
            }
        }
        return records;
    }
}
