package org.dragongate.testing;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.DeliveryStore;
import org.dragongate.store.NoticeRegistry;
import org.dragongate.store.PackageRecords;

/**
 * The tracking stores on a test database, with the shortcuts tests need: a package taken in, a
 * notice registered and queued for contact points, and reads of rows and audit records that the
 * stores do not offer (they are for the flow, not for inspection).
 */
public final class TrackingStore implements AutoCloseable {
    public static final String INSTANCE = "gw-test";

    private final Database db;
    private final Clock clock;

    public TrackingStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A fresh database of this kind ({@link TestDatabases#kinds()}). */
    public static TrackingStore open(String kind, Path dir, Clock clock) {
        return new TrackingStore(TestDatabases.open(kind, dir), clock);
    }

    public Database db() {
        return db;
    }

    public PackageRecords packages(String actor) {
        return new PackageRecords(db, new AuditTrail(clock), clock, actor);
    }

    public DeliveryStore deliveries() {
        return new DeliveryStore(db, new AuditTrail(clock), clock);
    }

    public NoticeRegistry registry(String actor) {
        return new NoticeRegistry(db, new AuditTrail(clock), deliveries(), clock, actor);
    }

    public static String randomSha256() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A package taken in over SFTP from {@code partnerId}; returns its SHA-256. */
    public String newPackage(String partnerId) throws SQLException {
        String sha = randomSha256();
        packages(INSTANCE).received(new PackageRecords.Arrival(sha, 100, "sftp", partnerId, partnerId + "/test.p7m", "CMS", clock.instant()));
        return sha;
    }

    /** Sealed bytes that say which notice and contact point they were made for. */
    public static byte[] sealed(String what) {
        return ("sealed:" + what).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static List<DeliveryStore.RoutedDelivery> routed(String reference, String... contactPoints) {
        return Arrays.stream(contactPoints).map(cp -> new DeliveryStore.RoutedDelivery(cp, cp + ": test rule", sealed(reference + "->" + cp)))
                .toList();
    }

    /** A new package from the partner bringing one notice, registered and queued for the contact points. */
    public NoticeRegistry.Registration queue(String partnerId, String reference, String contentSha256, String... contactPoints)
            throws SQLException {
        String pkg = newPackage(partnerId);
        return registry(INSTANCE).register(new NoticeRegistry.IncomingNotice(pkg, 1, partnerId, reference, contentSha256),
                routed(reference, contactPoints));
    }

    public long count(String sql, Object... values) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    select.setObject(i + 1, values[i]);
                }
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public Instant nextAttemptAt(String deliveryKey) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT next_attempt_at FROM delivery WHERE delivery_key = ?")) {
                select.setString(1, deliveryKey);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, OffsetDateTime.class).toInstant();
                }
            }
        });
    }

    /** The attempts recorded for a delivery. */
    public int attempts(String deliveryKey) throws SQLException {
        return (int) count("SELECT attempts FROM delivery WHERE delivery_key = ?", deliveryKey);
    }

    /** The audit trail in order, each record as "EVENT subject [actor] detail". */
    public List<String> audit() throws SQLException {
        return db.inTransaction(c -> {
            List<String> records = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT event, subject, actor, detail FROM audit ORDER BY seq");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    records.add(rs.getString(1) + " " + rs.getString(2) + " [" + rs.getString(3) + "] " + rs.getString(4));
                }
            }
            return records;
        });
    }

    /** The events recorded about one subject, in order, each as "EVENT [actor]". */
    public List<String> events(String subject) throws SQLException {
        return db.inTransaction(c -> {
            List<String> events = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT event, actor FROM audit WHERE subject = ? ORDER BY seq")) {
                select.setString(1, subject);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        events.add(rs.getString(1) + " [" + rs.getString(2) + "]");
                    }
                }
            }
            return events;
        });
    }

    /** Whether every record's hash is right and chains to the one before: concurrent appenders must not fork it. */
    public boolean auditChainIntact() throws SQLException {
        return db.inTransaction(c -> {
            String previous = AuditTrail.GENESIS;
            long expectedSeq = 1;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT seq, recorded_at, actor, event, subject, detail, prev_hash, hash FROM audit ORDER BY seq");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    AuditTrail.AuditRecord record = new AuditTrail.AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
                    if (record.seq() != expectedSeq++ || !record.prevHash().equals(previous) || !record.expectedHash().equals(record.hash())) {
                        return false;
                    }
                    previous = record.hash();
                }
            }
            return true;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
