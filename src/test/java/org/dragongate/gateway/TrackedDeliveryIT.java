package org.dragongate.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dragongate.cli.DeadLetterCommand;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TestNotices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The whole flow with the tracking database on H2 and, when one is configured, on PostgreSQL: a
 * partner that re-seals and resends a notice gets it acknowledged as a duplicate and the contact
 * points do not get it again; a changed notice under the same reference is delivered as a new
 * version superseding the first; two partners' equal references are two notices; and a duplicate
 * of a notice whose delivery died says so in the receipt until an administrator re-drives it.
 */
class TrackedDeliveryIT {
    private static final String CN = ExamplePki.CN_GACC;
    private static final String AU = ExamplePki.AU_ABF;
    private static final String ENV = ExamplePki.VN_ENV_POLICE;
    private static final String RILO = ExamplePki.RILO_AP;

    @TempDir
    Path base;

    private WireMockServer contactPoints;
    private GatewayFixture gw;
    private DatabaseSettings database;

    @BeforeEach
    void start() throws Exception {
        contactPoints = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        contactPoints.start();
        gw = GatewayFixture.start(base);
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        contactPoints.stop();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aResealedResendIsADuplicateAndAChangedNoticeIsANewVersionSupersedingIt(String kind) throws Exception {
        contactPoints.stubFor(post(urlMatching("/contact-points/.*")).willReturn(aResponse().withStatus(201)));
        startGateway(kind);
        String notice = TestNotices.alert(CN, "CN-GACC-E2E-1");
        String v1 = "CN-GACC.CN-GACC-E2E-1.v1";
        String v2 = "CN-GACC.CN-GACC-E2E-1.v2";

        Path first = upload(CN, notice, "alert.p7m");
        gw.awaitCount(2, "SELECT COUNT(*) FROM delivery WHERE notice_id = ? AND state = 'DELIVERED'", v1);
        assertThat(gw.awaitAcceptedReceipt(CN, GatewayFixture.sha256(first)))
                .contains("id=\"" + v1 + "\"").contains("reference=\"CN-GACC-E2E-1\"").contains("outcome=\"NEW\"");

        // The same notice sealed again: other bytes (sealing is randomised), same content.
        Path resent = upload(CN, notice, "alert-resent.p7m");
        assertThat(GatewayFixture.sha256(resent)).isNotEqualTo(GatewayFixture.sha256(first));
        assertThat(gw.awaitAcceptedReceipt(CN, GatewayFixture.sha256(resent)))
                .contains("id=\"" + v1 + "\"").contains("outcome=\"DUPLICATE\"")
                .contains("<contactPoint state=\"DELIVERED\">" + ENV + "</contactPoint>")
                .contains("<contactPoint state=\"DELIVERED\">" + RILO + "</contactPoint>");

        Path changed = upload(CN, notice.replace("declared as cashew nuts.", "declared as cashew nuts; a second container found."),
                "alert-v2.p7m");
        gw.awaitCount(2, "SELECT COUNT(*) FROM delivery WHERE notice_id = ? AND state = 'DELIVERED'", v2);
        assertThat(gw.awaitAcceptedReceipt(CN, GatewayFixture.sha256(changed)))
                .contains("id=\"" + v2 + "\"").contains("outcome=\"NEW_VERSION\"").contains("supersedes=\"" + v1 + "\"");

        assertThat(idempotencyKeys()).containsExactlyInAnyOrder(v1 + "__" + ENV, v1 + "__" + RILO, v2 + "__" + ENV, v2 + "__" + RILO);
        gw.awaitCount(3, "SELECT COUNT(*) FROM package WHERE state = 'ACCEPTED' AND partner_id = ?", CN);
        assertThat(gw.tracking().events(v1)).containsExactly("CONVERTED [gw-e2e]", "ROUTED [gw-e2e]", "DUPLICATE [gw-e2e]");
        // The package's own history: taken in, opened, accepted, and the sender told so.
        assertThat(gw.tracking().events(GatewayFixture.sha256(first)))
                .containsExactly("RECEIVED [gw-e2e]", "OPENED [gw-e2e]", "ACCEPTED [gw-e2e]", "RECEIPT_SENT [gw-e2e]");
        assertThat(gw.tracking().audit()).anyMatch(r -> r.startsWith("CONVERTED " + v2) && r.contains("supersedes " + v1));
        assertThat(gw.tracking().auditChainIntact()).isTrue();
    }

    /** Two partners' own ids may be equal: the gateway's ids (and delivery keys) carry the partner, so both are delivered. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theSameReferenceFromTwoPartnersIsDeliveredAsTwoNotices(String kind) throws Exception {
        contactPoints.stubFor(post(urlMatching("/contact-points/.*")).willReturn(aResponse().withStatus(201)));
        startGateway(kind);

        upload(CN, TestNotices.alert(CN, "SHARED-7"), "shared.p7m");
        upload(AU, TestNotices.alert(AU, "SHARED-7"), "shared.p7m");
        gw.awaitCount(4, "SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'");

        assertThat(idempotencyKeys()).containsExactlyInAnyOrder("CN-GACC.SHARED-7.v1__" + ENV, "CN-GACC.SHARED-7.v1__" + RILO,
                "AU-ABF.SHARED-7.v1__" + ENV, "AU-ABF.SHARED-7.v1__" + RILO);
    }

    /**
     * A resend of a notice whose delivery failed for good must not read as delivered: the receipt
     * gives that contact point's delivery as DEAD. Once re-driven, the contact point has it.
     */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aDuplicateOfANoticeWhoseDeliveryDiedIsReportedDeadUntilRedriven(String kind) throws Exception {
        contactPoints.stubFor(post(urlEqualTo("/contact-points/" + ENV)).willReturn(aResponse().withStatus(400)));
        contactPoints.stubFor(post(urlEqualTo("/contact-points/" + RILO)).willReturn(aResponse().withStatus(201)));
        startGateway(kind);
        String notice = TestNotices.alert(CN, "CN-GACC-E2E-3");
        String key = "CN-GACC.CN-GACC-E2E-3.v1__" + ENV;

        upload(CN, notice, "alert.p7m");
        gw.awaitCount(1, "SELECT COUNT(*) FROM delivery WHERE delivery_key = ? AND state = 'DEAD'", key);
        gw.awaitCount(1, "SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'");
        Path resent = upload(CN, notice, "alert-resent.p7m");

        assertThat(gw.awaitAcceptedReceipt(CN, GatewayFixture.sha256(resent))).contains("outcome=\"DUPLICATE\"")
                .contains("<contactPoint state=\"DEAD\">" + ENV + "</contactPoint>")
                .contains("<contactPoint state=\"DELIVERED\">" + RILO + "</contactPoint>");

        contactPoints.stubFor(post(urlEqualTo("/contact-points/" + ENV)).willReturn(aResponse().withStatus(201)));
        assertThat(new CommandLine(new DeadLetterCommand()).execute(redrive(key))).isZero();
        gw.awaitCount(1, "SELECT COUNT(*) FROM delivery WHERE delivery_key = ? AND state = 'DELIVERED'", key);
        assertThat(gw.tracking().events(key)).hasSize(4).element(2).asString().startsWith("REDRIVEN [admin ");
        assertThat(idempotencyKeys()).filteredOn(key::equals).hasSize(2);
    }

    private void startGateway(String kind) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("gateway.contact-points-file", gw.contactPointsAt(contactPoints.port()).toString(),
                "delivery.poll-period", "200", "gateway.instance-id", "gw-e2e"));
        if (kind.equals("postgresql")) {
            database = TestDatabases.settings(kind, base);
            settings.putAll(Map.of("database.url", database.url(), "database.user", database.user(),
                    "database.password", database.password(), "database.schema", database.schema()));
        }
        gw.startGateway(settings);
    }

    /** The redrive command against the database the gateway uses. */
    private String[] redrive(String key) {
        if (database == null) {
            return new String[] {"redrive", key, "--data-dir", gw.dataDir().toString()};
        }
        // The password goes in the URL here only because a test cannot set DATABASE_PASSWORD for itself.
        String url = database.url() + (database.url().contains("?") ? "&" : "?") + "user=" + database.user() + "&password="
                + database.password();
        return new String[] {"redrive", key, "--database-url", url, "--database-schema", database.schema()};
    }

    private Path upload(String partnerId, String noticeXml, String remoteName) throws Exception {
        Path sealed = gw.sealNotice(partnerId, noticeXml, "");
        gw.upload(partnerId, sealed, remoteName);
        return sealed;
    }

    private List<String> idempotencyKeys() {
        return contactPoints.getAllServeEvents().stream().map(e -> e.getRequest().getHeader("Idempotency-Key")).toList();
    }
}
