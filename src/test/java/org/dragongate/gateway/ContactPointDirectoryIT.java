package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.dragongate.directory.ContactPointRegistry;
import org.dragongate.directory.NewContactPoint;
import org.dragongate.notice.Category;
import org.dragongate.directory.Refreshing;
import org.dragongate.pki.ExamplePki;
import org.dragongate.routing.RoutingRules;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.RecordingContactPoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contact-point directory in the database while the gateway runs: a contact point an administrator
 * adds, once a routing rule names it, receives routed notices after the refresh, without a restart; a
 * suspended one's deliveries wait, queued, and go out on its resume; a rule naming a contact point the
 * directory does not have still stops the gateway at start.
 */
class ContactPointDirectoryIT {
    private static final String CN = ExamplePki.CN_GACC;
    private static final String VN = ExamplePki.VN_ENV_POLICE;
    private static final String MY = "MY-RMCD";
    private static final String ADMIN = "admin it@test";

    @TempDir
    Path base;

    private GatewayFixture gw;
    private RecordingContactPoints contactPoints;

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
        if (contactPoints != null) {
            contactPoints.close();
        }
    }

    @Test
    void anAddedContactPointReceivesNoticesAfterTheRefreshAndASuspendedOnesDeliveriesWaitForItsResume() throws Exception {
        contactPoints = RecordingContactPoints.start();
        gw = GatewayFixture.start(base);
        Path routing = Files.writeString(base.resolve("routing.yaml"), "rules:\n  - countries: [VN]\n    contactPoints: [" + VN + "]\n");
        Map<String, String> settings = Map.of("gateway.contact-points-file", gw.contactPointsAt(contactPoints.port()).toString(),
                "gateway.routing-file", routing.toString(), "gateway.directory-refresh-seconds", "1", "delivery.poll-period", "200");
        gw.startGateway(settings);
        Database database = gw.gateway().getCamelContext().getRegistry().lookupByNameAndType("database", Database.class);
        ContactPointRegistry registry = new ContactPointRegistry(database, new AuditTrail(Clock.systemUTC()), Clock.systemUTC());
        @SuppressWarnings("unchecked")
        Refreshing<RoutingRules> rules = gw.gateway().getCamelContext().getRegistry().lookupByNameAndType("routingRules", Refreshing.class);

        registry.add(new NewContactPoint(MY, "Royal Malaysian Customs", "MY", Set.of(Category.WILDLIFE),
                "http://127.0.0.1:" + contactPoints.port() + "/contact-points/" + MY, null, null, null), ADMIN);
        Files.writeString(routing, "  - countries: [MY]\n    contactPoints: [" + MY + "]\n", java.nio.file.StandardOpenOption.APPEND);
        GatewayFixture.await("the gateway to read the new rule with the new contact point", () -> rules.get().rules().size() == 2 ? true : null);
        registry.suspend(VN, "server move", ADMIN);
        Path sealed = gw.seal(CN);
        gw.upload(CN, sealed, "alert.p7m");

        gw.awaitCount(1, "SELECT COUNT(*) FROM delivery WHERE contact_point_id = ? AND state = 'DELIVERED'", MY);
        assertThat(contactPoints.deliveries()).singleElement()
                .satisfies(delivery -> assertThat(delivery.getRequest().getUrl()).isEqualTo("/contact-points/" + MY));
        assertThat(gw.tracking().count("SELECT COUNT(*) FROM delivery WHERE contact_point_id = ? AND state = 'QUEUED' AND attempts = 0", VN))
                .as("held, not attempted").isOne();
        assertThat(registry.queuedDeliveries(VN)).isOne();

        registry.resume(VN, ADMIN);
        gw.awaitCount(1, "SELECT COUNT(*) FROM delivery WHERE contact_point_id = ? AND state = 'DELIVERED'", VN);
        assertThat(contactPoints.deliveries()).hasSize(2);
    }

    @Test
    void aRuleNamingAContactPointTheDirectoryLacksStopsTheGatewayAtStart() throws Exception {
        gw = GatewayFixture.start(base);
        Path routing = Files.writeString(base.resolve("routing.yaml"), "rules:\n  - countries: [KR]\n    contactPoints: [KR-NOPE]\n");

        assertThatThrownBy(() -> gw.startGateway(Map.of("gateway.routing-file", routing.toString())))
                .rootCause().hasMessageContaining(routing + ": rules entry 1: contact point 'KR-NOPE' is not in the contact-point directory");
    }
}
