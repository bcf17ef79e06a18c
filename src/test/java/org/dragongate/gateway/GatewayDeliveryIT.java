package org.dragongate.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dragongate.crypto.AlgorithmPolicy;
import org.dragongate.crypto.GatewayKeys;
import org.dragongate.crypto.OpenLimits;
import org.dragongate.crypto.OpenedPackage;
import org.dragongate.crypto.PackageOpener;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.TestPki;
import org.dragongate.trust.CertificateFiles;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow with WireMock standing in for the contact points: a package uploaded over SFTP is
 * opened, converted, routed by config/routing.yaml, and each notice reaches exactly the contact points
 * that should get it, once, however often the package arrives and whatever the first answer was.
 */
class GatewayDeliveryIT {
    private static final String CN = ExamplePki.CN_GACC;
    private static final List<String> CONTACT_POINTS = ExamplePki.CONTACT_POINT_IDS;

    @TempDir
    Path base;

    private WireMockServer contactPoints;
    private GatewayFixture gw;

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

    /** A wildlife alert concerning Viet Nam goes to the environmental police and, by the copy rule, to the RILO, and nowhere else. */
    @Test
    void eachRoutedNoticeIsDeliveredOnceToEachContactPointThatShouldGetIt() throws Exception {
        contactPoints.stubFor(post(urlMatching("/contact-points/.*")).willReturn(aResponse().withStatus(201)));
        gw.startGateway(Map.of("gateway.contact-points-file", contactPointsFile().toString(), "delivery.poll-period", "200"));
        Path sealed = gw.seal(CN);
        String noticeId = noticeIdOf(sealed);

        gw.upload(CN, sealed, "alert.p7m");
        awaitPosts(2);
        // The same package again, under another name: a duplicate, so nothing is delivered a second time.
        gw.upload(CN, sealed, "alert-again.p7m");
        gw.awaitMovedToDone(GatewayFixture.sha256(sealed));
        gw.awaitPolls(3);

        // The gateway's id of the notice: the partner, the partner's own id, the version.
        for (String expected : List.of(ExamplePki.VN_ENV_POLICE, ExamplePki.RILO_AP)) {
            contactPoints.verify(1, postRequestedFor(urlEqualTo("/contact-points/" + expected))
                    .withHeader("Idempotency-Key", equalTo(CN + "." + noticeId + ".v1__" + expected)));
        }
        assertThat(contactPoints.getAllServeEvents()).hasSize(2);
        gw.awaitCount(2, "SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'");
    }

    /** What arrives is the canonical notice, signed by the gateway and encrypted for the contact point. */
    @Test
    void theContactPointOpensWhatItReceivesWithItsOwnKey() throws Exception {
        contactPoints.stubFor(post(urlMatching("/contact-points/.*")).willReturn(aResponse().withStatus(201)));
        gw.startGateway(Map.of("gateway.contact-points-file", contactPointsFile().toString(), "delivery.poll-period", "200"));
        Path sealed = gw.seal(CN);

        gw.upload(CN, sealed, "alert.p7m");
        awaitPosts(2);

        byte[] body = contactPoints.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().endsWith(ExamplePki.VN_ENV_POLICE)).findFirst().orElseThrow().getRequest().getBody();
        TestPki pki = TestPki.shared();
        Partner gateway = new Partner("GATEWAY", "Dragongate", CertificateFiles.certificates(pki.gatewayFile("ca.pem")), List.of(),
                List.of(), false, java.util.Set.of());
        PackageOpener contactPoint = new PackageOpener(GatewayKeys.of(pki.contactPointKey(ExamplePki.VN_ENV_POLICE)),
                PartnerDirectory.of(gateway), AlgorithmPolicy.strict(), OpenLimits.defaults(), base, Clock.systemUTC());
        try (OpenedPackage opened = contactPoint.open(new ByteArrayInputStream(body), "GATEWAY")) {
            String notice = new String(opened.content().openStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(notice).contains("urn:dragongate:notice:1").contains("<id>" + noticeIdOf(sealed) + "</id>")
                    .contains("<partner>CN-GACC</partner>");
            assertThat(opened.signer().getSubjectX500Principal().getName()).contains("Dragongate Gateway");
        }
    }

    /** A contact point that fails first is retried from the tracking database until it has the notice, once. */
    @Test
    void aContactPointThatAnswers500IsRetriedUntilItHasTheNoticeOnce() throws Exception {
        String env = "/contact-points/" + ExamplePki.VN_ENV_POLICE;
        contactPoints.stubFor(post(urlEqualTo(env)).inScenario("env").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        contactPoints.stubFor(post(urlEqualTo(env)).inScenario("env").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(201)));
        contactPoints.stubFor(post(urlEqualTo("/contact-points/" + ExamplePki.RILO_AP)).willReturn(aResponse().withStatus(201)));
        gw.startGateway(Map.of("gateway.contact-points-file", contactPointsFile().toString(), "delivery.poll-period", "200"));

        gw.upload(CN, gw.seal(CN), "alert.p7m");
        awaitPosts(3);
        gw.awaitPolls(3);

        contactPoints.verify(2, postRequestedFor(urlEqualTo(env)));
        assertThat(contactPoints.getAllServeEvents()).filteredOn(e -> e.getResponse().getStatus() == 201).hasSize(2);
        gw.awaitCount(2, "SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'");
        assertThat(gw.tracking().audit()).filteredOn(r -> r.startsWith("RETRIED ")).singleElement().asString().contains("HTTP 500");
    }

    /** A stopped gateway holds no connections: the H2 file is free for the next start and the CLI, PostgreSQL gets its sessions back. */
    @Test
    void stoppingTheGatewayClosesItsDatabasePool() throws Exception {
        gw.startGateway();
        org.dragongate.store.Database database = gw.gateway().getCamelContext().getRegistry()
                .lookupByNameAndType("database", org.dragongate.store.Database.class);
        assertThat(((com.zaxxer.hikari.HikariDataSource) database.dataSource()).isClosed()).isFalse();

        gw.stopGateway();

        assertThat(((com.zaxxer.hikari.HikariDataSource) database.dataSource()).isClosed()).isTrue();
    }

    private void awaitPosts(int count) {
        GatewayFixture.await(count + " deliveries", () -> contactPoints.getAllServeEvents().size() >= count ? true : null);
    }

    /** The shipped contact points, pointed at WireMock. */
    private Path contactPointsFile() throws Exception {
        assertThat(CONTACT_POINTS).hasSize(4);
        return gw.contactPointsAt(contactPoints.port());
    }

    private static String noticeIdOf(Path sealed) throws Exception {
        Matcher id = Pattern.compile("<id>([^<]+)</id>").matcher(Files.readString(GatewayFixture.noticeOf(sealed)));
        assertThat(id.find()).isTrue();
        return id.group(1);
    }
}
