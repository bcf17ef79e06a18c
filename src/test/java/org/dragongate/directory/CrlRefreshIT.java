package org.dragongate.directory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.dragongate.directory.CrlRefresher.Outcome;
import org.dragongate.directory.CrlRefresher.Status;
import org.dragongate.directory.PartnerCertificates.ImportOptions;
import org.dragongate.store.AuditTrail;
import org.dragongate.gateway.ScheduledCrlRefresh;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.testing.AdminCli;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.OpenSsl;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Authority;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code crl refresh} against a CA's distribution point, served by WireMock as a remote HTTP peer:
 * a CRL made by BouncyCastle or by {@code openssl ca -gencrl} and signed by the partner's CA is
 * imported (audited) when newer; an unreachable point, a forged signature and an out-of-date CRL are
 * reported, never taken as current. The gateway does the same on its schedule.
 */
class CrlRefreshIT {
    private static final String CN = "CN-GACC";
    private static final String ADMIN = "admin carol@test";
    private static final String PATH = "/pki/gacc-ca.crl";

    @TempDir
    Path temp;

    private WireMockServer crlServer;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void start() {
        crlServer = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        crlServer.start();
    }

    @AfterEach
    void stop() {
        crlServer.stop();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aNewerCrlSignedByThePartnersCaIsImportedOnceAuditedAndReplacedByTheNextOne(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, temp)) {
            Authority ca = partnerWithCa(db, url(PATH));
            serve(PATH, ca.crl(now.minus(1, ChronoUnit.HOURS), now.plus(7, ChronoUnit.DAYS)).getEncoded());

            assertThat(refresher(db).refresh(ADMIN)).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(Status.IMPORTED);
                assertThat(o.line()).startsWith("IMPORTED CN-GACC " + url(PATH) + ": CRL of '" + ca.certificate().getSubjectX500Principal().getName());
            });
            assertThat(refresher(db).refresh(ADMIN)).extracting(Outcome::status).containsExactly(Status.UP_TO_DATE);
            serve(PATH, ca.crl(now.minus(10, ChronoUnit.MINUTES), now.plus(7, ChronoUnit.DAYS)).getEncoded());
            assertThat(refresher(db).refresh(ADMIN)).extracting(Outcome::status).containsExactly(Status.IMPORTED);

            assertThat(new PartnerRegistry(db, new AuditTrail(Clock.systemUTC()), Clock.systemUTC()).certificates().crls(CN))
                    .singleElement().satisfies(crl -> assertThat(crl.thisUpdate()).isEqualTo(now.minus(10, ChronoUnit.MINUTES)));
            assertThat(audit(db)).filteredOn(r -> r.contains("CRL imported")).hasSize(2).allSatisfy(r -> assertThat(r)
                    .startsWith("ADMIN_ACTION partner:CN-GACC [" + ADMIN + "]").endsWith("from " + url(PATH)));
            assertThat(audit(db).get(audit(db).size() - 1)).contains("replaces 1 older");
        }
    }

    /** What partners' CAs really run: the CRL that {@code openssl ca -gencrl} writes, in PEM. */
    @Test
    void aCrlMadeByOpenSslIsImported() throws Exception {
        try (Database db = TestDatabases.open("h2", temp)) {
            Authority ca = partnerWithCa(db, url(PATH));
            serve(PATH, Files.readAllBytes(openSslCrl(ca)));

            assertThat(refresher(db).refresh(ADMIN)).extracting(Outcome::status).containsExactly(Status.IMPORTED);
        }
    }

    @Test
    void aCrlWithAForgedSignatureIsNotImported() throws Exception {
        try (Database db = TestDatabases.open("h2", temp)) {
            Authority ca = partnerWithCa(db, url(PATH));
            serve(PATH, ca.forgedCrl(now.minus(1, ChronoUnit.HOURS), now.plus(7, ChronoUnit.DAYS)).getEncoded());

            assertThat(refresher(db).refresh(ADMIN)).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(Status.FAILED);
                assertThat(o.detail()).contains("not signed by a trust anchor of partner CN-GACC");
            });
            assertThat(crlCount(db)).isZero();
        }
    }

    /** Signed by the CA, but already past its next update: kept for the revocations it lists, reported as not current. */
    @Test
    void aCrlPastItsNextUpdateIsReportedStale() throws Exception {
        try (Database db = TestDatabases.open("h2", temp)) {
            Authority ca = partnerWithCa(db, url(PATH));
            serve(PATH, ca.crl(now.minus(8, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)).getEncoded());

            assertThat(refresher(db).refresh(ADMIN)).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(Status.STALE);
                assertThat(o.detail()).contains("imported: newer than the one held", "revocation stays unknown");
            });
        }
    }

    /** Unreachable, a 404, a scheme we do not fetch: each is one line saying so, and the command exits 1. */
    @Test
    void distributionPointsThatGiveNoCrlAreReportedAndTheCommandFails() throws Exception {
        int closed = GatewayFixture.freeLoopbackPort();
        Database.open(DatabaseSettings.embedded(temp)).close();
        try (Database db = TestDatabases.open("h2", temp)) {
            partnerWithCa(db, "http://127.0.0.1:" + closed + "/ca.crl");
            importAnchor(db, TestCertificates.authority("GACC Second CA", temp.resolve("pki2"), url("/missing.crl")));
            importAnchor(db, TestCertificates.authority("GACC Third CA", temp.resolve("pki3"), "ldap://ldap.cn-gacc.example/cn=CA"));
        }

        AdminCli.Run run = new AdminCli(temp).run("crl", "refresh", "--timeout-seconds", "2");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(3).allMatch(l -> l.startsWith("FAILED CN-GACC "));
        assertThat(run.out()).contains("unreachable or refused: ConnectException", "HTTP 404", "only HTTP and HTTPS distribution points");
    }

    /** The gateway's timer route refreshes on its own, as its instance. */
    @Test
    void theGatewayRefreshesOnItsSchedule() throws Exception {
        GatewayFixture gw = GatewayFixture.start(temp.resolve("gw"));
        try {
            Authority ca;
            try (Database db = Database.open(DatabaseSettings.embedded(gw.dataDir()))) {
                ca = partnerWithCa(db, url(PATH));
            }
            serve(PATH, ca.crl(now.minus(1, ChronoUnit.HOURS), now.plus(7, ChronoUnit.DAYS)).getEncoded());

            gw.startGateway(Map.of("gateway.crl-refresh-minutes", "1", "gateway.instance-id", "gw-crl"));

            gw.awaitCount(1, "SELECT COUNT(*) FROM audit WHERE actor = 'gw-crl' AND event = 'ADMIN_ACTION' AND detail LIKE 'CRL imported%'");
            gw.awaitCount(1, "SELECT COUNT(*) FROM partner_crl WHERE partner_id = ?", CN);
        } finally {
            gw.close();
        }
    }

    /** gateway.crl-refresh-minutes = 0 turns the schedule off: its timer fires once, and nothing is fetched; at 1 the same fetches. */
    @Test
    void aRefreshPeriodOfZeroMinutesNeverFetches() throws Exception {
        try (Database db = Database.open(DatabaseSettings.embedded(temp))) {
            Authority ca = partnerWithCa(db, url(PATH));
            serve(PATH, ca.crl(now.minus(1, ChronoUnit.HOURS), now.plus(7, ChronoUnit.DAYS)).getEncoded());
            AtomicInteger fetches = new AtomicInteger();
            CrlRefresher.Fetcher http = CrlRefresher.http(Duration.ofSeconds(5));
            CrlRefresher counted = new CrlRefresher(db, new AuditTrail(Clock.systemUTC()), Clock.systemUTC(), source -> {
                fetches.incrementAndGet();
                return http.fetch(source);
            });

            assertThat(new ScheduledCrlRefresh(counted, 0, "gw-off").run()).isZero();
            assertThat(fetches).hasValue(0);
            assertThat(crlCount(db)).isZero();

            assertThat(new ScheduledCrlRefresh(counted, 1, "gw-on").run()).isOne();
            assertThat(fetches).hasValue(1);
            assertThat(crlCount(db)).isOne();
        }
    }

    private Authority partnerWithCa(Database db, String crlUrl) throws SQLException {
        new PartnerRegistry(db, new AuditTrail(Clock.systemUTC()), Clock.systemUTC())
                .add(new NewPartner(CN, "General Administration of Customs", "CN", null, Set.of(), false), ADMIN);
        return importAnchor(db, TestCertificates.authority("GACC CA", temp.resolve("pki"), crlUrl));
    }

    private static Authority importAnchor(Database db, Authority ca) throws SQLException {
        try {
            new PartnerRegistry(db, new AuditTrail(Clock.systemUTC()), Clock.systemUTC()).certificates()
                    .importCertificate(CN, Files.readAllBytes(ca.certificateFile()), "ca.pem", null, ImportOptions.DEFAULTS, ADMIN);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ca;
    }

    private static CrlRefresher refresher(Database db) {
        return new CrlRefresher(db, new AuditTrail(Clock.systemUTC()), Clock.systemUTC(), CrlRefresher.http(Duration.ofSeconds(5)));
    }

    private Path openSslCrl(Authority ca) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("openssl-ca"));
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("crlnumber"), "01\n");
        Path config = Files.writeString(dir.resolve("ca.cnf"), "[ ca ]\ndefault_ca = CA_default\n[ CA_default ]\n"
                + "database = " + dir.resolve("index.txt") + "\ncrlnumber = " + dir.resolve("crlnumber")
                + "\ndefault_md = sha256\ndefault_crl_days = 7\n");
        Path crl = dir.resolve("crl.pem");
        OpenSsl.run("ca", "-gencrl", "-batch", "-config", config.toString(), "-keyfile", ca.keyFile().toString(), "-cert",
                ca.certificateFile().toString(), "-out", crl.toString());
        return crl;
    }

    private void serve(String path, byte[] crl) {
        crlServer.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pkix-crl")
                .withBody(crl)));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + crlServer.port() + path;
    }

    private static long crlCount(Database db) throws SQLException {
        return new TrackingStore(db, Clock.systemUTC()).count("SELECT COUNT(*) FROM partner_crl");
    }

    private static List<String> audit(Database db) throws SQLException {
        return new TrackingStore(db, Clock.systemUTC()).audit();
    }
}
