package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dragongate.testing.PartnerTraffic.awaitOrTimeOut;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dragongate.queue.EmbeddedBroker;
import org.dragongate.queue.Redelivery;
import org.dragongate.store.AuditChain;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.GatewayProcess;
import org.dragongate.testing.GatewayProcesses;
import org.dragongate.testing.PartnerTraffic;
import org.dragongate.testing.RecordingContactPoints;
import org.dragongate.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway processes share one database (PostgreSQL when the tests have one, as CI does), one
 * broker and one data folder, and poll the same SFTP inboxes and the same mailbox. One is killed
 * with SIGKILL in the middle of the run. Every notice is still registered once and delivered once
 * to each of its contact points, and the audit trail both wrote is one unbroken chain.
 */
class ScaleOutIT {
    private static final int SFTP_PACKAGES = 20;
    private static final int MAIL_PACKAGES = 4;

    @TempDir
    Path base;

    private GatewayProcesses servers;
    private EmbeddedBroker broker;

    @BeforeEach
    void startServers() throws Exception {
        servers = GatewayProcesses.start(base);
    }

    @AfterEach
    void stopServers() throws Exception {
        try {
            servers.close();
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    void twoInstancesShareTheInboxesAndOneKilledMidRunLosesNothing() throws Exception {
        List<String> kinds = TestDatabases.kinds();
        DatabaseSettings database = TestDatabases.settings(kinds.get(kinds.size() - 1), base.resolve("shared-db"));
        int brokerPort = GatewayFixture.freeLoopbackPort();
        broker = EmbeddedBroker.start(base.resolve("broker"), brokerPort, Redelivery.of(10, Duration.ofMillis(500)));
        RecordingContactPoints contactPoints = servers.contactPoints();
        PartnerTraffic traffic = servers.seal(SFTP_PACKAGES, MAIL_PACKAGES);

        GatewayProcess a = start("gw-a", database, brokerPort);
        GatewayProcess b = start("gw-b", database, brokerPort);
        traffic.upload(0, SFTP_PACKAGES / 2);
        traffic.mailAll();
        awaitOrTimeOut(() -> contactPoints.deliveries().size() >= 6, Duration.ofSeconds(90), a);
        a.kill();
        traffic.upload(SFTP_PACKAGES / 2, SFTP_PACKAGES);

        int expected = traffic.expectedDeliveries();
        try (Database db = Database.open(database)) {
            // Done when the gateway knows it is done: a delivery the killed instance sent but never recorded
            // has arrived, yet stays queued until its claim lapses and the survivor sends it again.
            awaitOrTimeOut(() -> contactPoints.byIdempotencyKey().size() >= expected && traffic.inboxesEmpty()
                    && traffic.allMailsSeen() && delivered(db) >= expected, Duration.ofSeconds(180), b,
                    () -> "arrived " + contactPoints.byIdempotencyKey().size() + " of " + expected + ", inboxes empty " + traffic.inboxesEmpty()
                            + ", mails all seen " + traffic.allMailsSeen() + ", deliveries by state " + byState(db, "delivery")
                            + ", packages by state " + byState(db, "package"));
            b.close();

            assertThat(contactPoints.byIdempotencyKey()).as("one delivery key per notice and contact point").hasSize(expected);
            assertThat(count(db, "SELECT COUNT(*) FROM notice")).as("each notice registered once").isEqualTo(traffic.references().size());
            assertThat(count(db, "SELECT COUNT(*) FROM notice WHERE version <> 1")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'")).isEqualTo(expected);
            assertThat(count(db, "SELECT COUNT(*) FROM (SELECT subject FROM audit WHERE event = 'QUEUED' GROUP BY subject "
                    + "HAVING COUNT(*) > 1) twice")).as("no delivery queued twice").isZero();
            // A package the killed instance had opened but not finished is opened again by the survivor (its OPENED record
            // commits before the notices do); any other second opening would be two instances working on one package.
            assertThat(count(db, "SELECT COUNT(*) FROM (SELECT subject FROM audit WHERE event = 'OPENED' GROUP BY subject "
                    + "HAVING COUNT(*) > 1 AND NOT (COUNT(*) = 2 AND MIN(actor) = 'gw-a' AND MAX(actor) = 'gw-b')) twice"))
                    .as("no package opened twice, but for the survivor retaking what the killed instance left").isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM package WHERE state = 'RECEIVED'")).as("no package left unfinished").isZero();
            assertThat(new AuditChain(db).verify().intact()).as("one audit chain from both instances").isTrue();
            List<String> actors = actors(db);
            System.out.printf("scale-out on %s: %d notices, %d deliveries, %d requests; audit records by instance %s%n",
                    database.isPostgres() ? "PostgreSQL" : "H2", traffic.references().size(), expected,
                    contactPoints.deliveries().size(), actors);
            assertThat(String.join(" ", actors)).as("both instances did part of the work").contains("gw-a").contains("gw-b");
        }
    }

    private GatewayProcess start(String instance, DatabaseSettings database, int brokerPort) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gateway.instance-id", instance);
        settings.put("queues.broker-url", "tcp://127.0.0.1:" + brokerPort);
        settings.put("database.url", database.url());
        settings.put("database.user", database.user());
        settings.put("database.password", database.password() == null ? "" : database.password());
        if (database.schema() != null) {
            settings.put("database.schema", database.schema());
        }
        // A delivery claimed by the killed instance is taken over once its claim lapses; the contact
        // points here answer in milliseconds, so a short lease is still far longer than any attempt.
        settings.put("delivery.claim-lease-seconds", "15");
        return servers.start(instance, settings);
    }

    private static long delivered(Database db) {
        try {
            return count(db, "SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String byState(Database db, String table) {
        try {
            return db.inTransaction(c -> {
                StringBuilder states = new StringBuilder();
                try (PreparedStatement select = c.prepareStatement("SELECT state, COUNT(*) FROM " + table + " GROUP BY state ORDER BY state");
                     ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        states.append(states.isEmpty() ? "" : " ").append(rs.getString(1)).append('=').append(rs.getLong(2));
                    }
                }
                return "{" + states + "}";
            });
        } catch (Exception e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static long count(Database db, String sql) throws Exception {
        return db.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static List<String> actors(Database db) throws Exception {
        return db.inTransaction(c -> {
            List<String> actors = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT actor, COUNT(*) FROM audit GROUP BY actor ORDER BY actor");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    actors.add(rs.getString(1) + "=" + rs.getLong(2));
                }
            }
            return actors;
        });
    }
}
