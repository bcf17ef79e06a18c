package org.dragongate.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.dragongate.keys.GatewayKeyRegistry;
import org.dragongate.keys.KeyPurpose;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestNotices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin REST API as a client sees it, on a gateway started in-process with its real HTTP server:
 * each refusal (401, 403, 400, 404, 405, 409, 415, 422) as JSON without a stack trace, an admin's
 * whole round (partner, certificate, suspension, re-drive, trace, audit), an auditor who reads but
 * cannot write, and the OpenAPI document matching the routes the server has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiIT {
    private static final String CN = ExamplePki.CN_GACC;
    private static final String ENV = ExamplePki.VN_ENV_POLICE;
    private static final String RILO = ExamplePki.RILO_AP;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path base;
    private final HttpClient http = HttpClient.newHttpClient();
    private WireMockServer contactPoints;
    private GatewayFixture gw;
    private URI api;
    private String adminToken;
    private String auditorToken;
    private String revokedToken;

    @BeforeAll
    void startGateway(@TempDir Path dir) throws Exception {
        base = dir;
        contactPoints = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        contactPoints.start();
        contactPoints.stubFor(post(urlEqualTo("/contact-points/" + ENV)).willReturn(aResponse().withStatus(400)));
        contactPoints.stubFor(post(urlEqualTo("/contact-points/" + RILO)).willReturn(aResponse().withStatus(201)));
        gw = GatewayFixture.start(base);
        int port = GatewayFixture.freeLoopbackPort();
        gw.startGateway(Map.of("camel.main.routes-include-pattern", GatewayFixture.SFTP_ROUTES + ",file:routes/api.camel.yaml",
                "api.port", Integer.toString(port), "gateway.contact-points-file", gw.contactPointsAt(contactPoints.port()).toString(),
                "delivery.poll-period", "200"));
        api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
        AdminTokens tokens = new AdminTokens(database(), new AuditTrail(Clock.systemUTC()), Clock.systemUTC());
        adminToken = tokens.create("alice", ApiRole.ADMIN, "admin test").secret();
        auditorToken = tokens.create("audrey", ApiRole.AUDITOR, "admin test").secret();
        revokedToken = tokens.create("mallory", ApiRole.ADMIN, "admin test").secret();
        tokens.revoke("mallory", "admin test");
    }

    @AfterAll
    void stopGateway() throws IOException {
        gw.close();
        contactPoints.stop();
    }

    @Test
    void everyRequestWithoutAValidTokenIsRefusedWith401() throws Exception {
        assertError(send(get("partners")), 401, "UNAUTHENTICATED");
        assertThat(send(get("partners")).headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"dragongate\"");
        assertError(send(get("partners").header("Authorization", "Bearer not-a-token")), 401, "INVALID_TOKEN");
        assertError(send(get("partners").header("Authorization", "Bearer " + adminToken + "x")), 401, "INVALID_TOKEN");
        assertError(send(get("partners").header("Authorization", "Basic " + adminToken)), 401, "UNAUTHENTICATED");
        assertError(send(get("audit").header("Authorization", "Bearer " + revokedToken)), 401, "INVALID_TOKEN");
        assertError(send(postJson("partners", "{\"id\":\"XX-REVOKED\"}").header("Authorization", "Bearer " + revokedToken)), 401,
                "INVALID_TOKEN");
        // Camel copies query parameters into headers: a token in the URL must not pass for the Authorization header.
        assertError(send(get("partners?Authorization=Bearer%20" + adminToken)), 401, "UNAUTHENTICATED");
    }

    @Test
    void anAuditorReadsEverythingButEveryWriteIsRefusedWith403() throws Exception {
        for (String path : new String[] {"partners", "partners/" + CN, "dead-letters", "audit?limit=5", "audit/verify", "quarantine",
                "failed-packages", "certificates/expiry", "contact-points", "contact-points/" + ENV, "gateway-keys", "session"}) {
            assertThat(send(get(path).header("Authorization", "Bearer " + auditorToken)).statusCode()).as(path).isEqualTo(200);
        }
        assertError(send(postJson("partners", "{\"id\":\"TH-AUDITOR\"}").header("Authorization", "Bearer " + auditorToken)), 403, "FORBIDDEN");
        assertError(send(postJson("partners/" + CN + "/suspend", "{}").header("Authorization", "Bearer " + auditorToken)), 403, "FORBIDDEN");
        assertError(send(postNoBody("partners/" + CN + "/resume").header("Authorization", "Bearer " + auditorToken)), 403, "FORBIDDEN");
        assertError(send(postNoBody("dead-letters/x/redrive").header("Authorization", "Bearer " + auditorToken)), 403, "FORBIDDEN");
        for (String write : new String[] {"quarantine/x/reprocess", "quarantine/x/discard", "failed-packages/x/redrive", "contact-points",
                "contact-points/" + ENV + "/suspend", "contact-points/" + ENV + "/resume", "gateway-keys/x/activate", "gateway-keys/x/retire"}) {
            assertError(send(postJson(write, "{}").header("Authorization", "Bearer " + auditorToken)), 403, "FORBIDDEN");
        }
        JsonNode session = json(send(get("session").header("Authorization", "Bearer " + auditorToken)));
        assertThat(session.get("name").asText()).isEqualTo("audrey");
        assertThat(session.get("role").asText()).isEqualTo("AUDITOR");
        assertThat(json(send(admin(get("contact-points/" + ENV)))).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(json(send(admin(get("partners/" + CN)))).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(json(send(admin(get("partners")))).findValuesAsText("id")).doesNotContain("TH-AUDITOR");
    }

    @Test
    void badInputIsRefusedWithAClear4xxAndNeverAStackTrace() throws Exception {
        HttpResponse<String> malformed = send(admin(postJson("partners", "{\"id\": \"TH-BAD\",")));
        assertError(malformed, 400, "MALFORMED_JSON");
        assertThat(message(malformed)).startsWith("the body is not valid JSON").contains("line 1");

        HttpResponse<String> unknownField = send(admin(postJson("partners", "{\"id\": \"TH-BAD\", \"nmae\": \"x\"}")));
        assertError(unknownField, 400, "UNKNOWN_FIELD");
        assertThat(message(unknownField)).contains("'nmae'").contains("name");
        assertError(send(admin(postJson("partners", "{\"id\": \"th bad\"}"))), 400, "INVALID_INPUT");
        assertError(send(admin(postJson("partners", "{\"id\": \"TH-BAD\", \"mailAddresses\": \"a@b.example\"}"))), 400, "INVALID_JSON");
        assertError(send(admin(postJson("partners", ""))), 400, "BODY_REQUIRED");
        assertError(send(admin(get("audit?limit=lots"))), 400, "INVALID_INPUT");
        assertError(send(admin(get("audit?limit=0"))), 400, "INVALID_INPUT");
        assertError(send(admin(get("partners/NO-SUCH-PARTNER"))), 404, "UNKNOWN_PARTNER");
        assertError(send(admin(postJson("partners/NO-SUCH-PARTNER/suspend", "{}"))), 404, "UNKNOWN_PARTNER");
        assertError(send(admin(postJson("partners", "{\"id\": \"" + CN + "\"}"))), 409, "PARTNER_EXISTS");
        assertError(send(admin(postNoBody("dead-letters/no-such-key/redrive"))), 404, "UNKNOWN_DEAD_LETTER");
        assertError(send(admin(get("trace/ffffffffffff"))), 404, "NOT_FOUND");
        assertError(send(admin(postJson("partners/" + CN + "/certificates", "{\"pem\": \"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"}"))),
                422, "NOT_A_CERTIFICATE");
        assertError(send(admin(request("partners").header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("id=TH-BAD")))),
                415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(send(admin(request("partners").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("id=TH-BAD")))), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(json(send(admin(get("partners")))).findValuesAsText("id")).doesNotContain("TH-BAD");
    }

    @Test
    void unknownPathsAndMethodsAnswerJsonNotTheServersPage() throws Exception {
        assertError(send(admin(get("no-such-thing"))), 404, "NOT_FOUND");
        assertError(send(get("partners/" + CN + "/nothing/here")), 404, "NOT_FOUND");
        assertError(send(admin(request("partners").DELETE())), 404, "NOT_FOUND");
        // Refused by the server itself, in plain text, before any route reads it.
        assertThat(send(admin(postJson("partners", "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}"))).statusCode()).isEqualTo(413);
    }

    @Test
    void repliesDoNotEchoTheRequestsHeaders() throws Exception {
        HttpResponse<String> reply = send(admin(get("partners")).header("X-Probe", "echo?"));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().map().keySet()).map(String::toLowerCase).doesNotContain("x-probe", "authorization");
        assertThat(reply.headers().firstValue("Content-Type")).contains("application/json");
    }

    /** The admin's whole round through the API; every change is on the audit trail as api:alice. */
    @Test
    void anAdminRegistersAPartnerImportsACertificateSuspendsResumesRedrivesAndTraces() throws Exception {
        HttpResponse<String> added = send(admin(postJson("partners",
                "{\"id\": \"TH-CUSTOMS\", \"name\": \"Thai Customs\", \"country\": \"TH\", \"mailAddresses\": [\"Intel@TH-Customs.example\"]}")));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).get("mailAddresses").get(0).asText()).isEqualTo("intel@th-customs.example");
        assertThat(json(added).get("sftpAccount").asText()).isEqualTo("TH-CUSTOMS");

        var signer = TestCertificates.authority("Thai Customs CA", base).endEntity("Thai Customs Signer").issue("th-signer");
        String pem = Files.readString(signer.certificateFile());
        HttpResponse<String> imported = send(admin(postJson("partners/TH-CUSTOMS/certificates",
                JSON.writeValueAsString(Map.of("pem", pem, "kind", "PINNED")))));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        String sha256 = json(imported).get("sha256").asText();
        assertThat(json(imported).get("status").asText()).isEqualTo("ACTIVE");
        assertError(send(admin(postJson("partners/TH-CUSTOMS/certificates", JSON.writeValueAsString(Map.of("pem", pem))))), 409, "DUPLICATE");

        JsonNode suspended = json(send(admin(postJson("partners/TH-CUSTOMS/suspend", "{\"reason\": \"audit\"}"))));
        assertThat(suspended.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(json(send(admin(get("partners/TH-CUSTOMS")))).get("statusReason").asText()).isEqualTo("audit");
        JsonNode resumed = json(send(admin(postNoBody("partners/TH-CUSTOMS/resume"))));
        assertThat(resumed.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(resumed.get("statusReason").isNull()).isTrue();
        JsonNode partner = json(send(admin(get("partners/TH-CUSTOMS"))));
        assertThat(partner.get("certificates").findValuesAsText("sha256")).containsExactly(sha256);
        HttpResponse<String> revoked = send(admin(postJson("partners/TH-CUSTOMS/certificates/" + sha256.substring(0, 12) + "/revoke",
                "{\"reason\": \"key compromise\"}")));
        assertThat(json(revoked).get("status").asText()).as(revoked.body()).isEqualTo("REVOKED");
        assertThat(json(revoked).get("revokedReason").asText()).isEqualTo("key compromise");

        // A package delivered through the gateway, one of whose deliveries died; re-driven through the API.
        Path sealed = gw.sealNotice(CN, TestNotices.alert(CN, "CN-GACC-API-1"), "");
        gw.upload(CN, sealed, "api-alert.p7m");
        String key = "CN-GACC.CN-GACC-API-1.v1__" + ENV;
        gw.awaitCount(1, "SELECT COUNT(*) FROM delivery WHERE delivery_key = ? AND state = 'DEAD'", key);
        JsonNode dead = json(send(admin(get("dead-letters"))));
        assertThat(dead.findValuesAsText("key")).contains(key);
        contactPoints.stubFor(post(urlEqualTo("/contact-points/" + ENV)).willReturn(aResponse().withStatus(201)));
        HttpResponse<String> redriven = send(admin(postNoBody("dead-letters/" + key + "/redrive")));
        assertThat(json(redriven).get("state").asText()).as(redriven.body()).isEqualTo("QUEUED");
        gw.awaitCount(1, "SELECT COUNT(*) FROM delivery WHERE delivery_key = ? AND state = 'DELIVERED'", key);
        assertError(send(admin(postNoBody("dead-letters/" + key + "/redrive"))), 409, "NOT_DEAD");

        String packageSha = GatewayFixture.sha256(sealed);
        JsonNode trace = json(send(admin(get("trace/" + packageSha.substring(0, 16)))));
        JsonNode traced = trace.get("packages").get(0);
        assertThat(traced.get("received").get("sha256").asText()).isEqualTo(packageSha);
        assertThat(traced.get("notices").get(0).get("deliveries").findValuesAsText("state")).containsOnly("DELIVERED");
        assertThat(traced.get("audit").findValuesAsText("actor")).contains("api:alice");

        JsonNode audit = json(send(admin(get("audit?limit=1000"))));
        assertThat(audit.findValuesAsText("actor")).contains("api:alice");
        assertThat(audit.findValuesAsText("detail")).anyMatch(detail -> detail.startsWith("partner TH-CUSTOMS added"))
                .anyMatch(detail -> detail.startsWith("certificate revoked for partner TH-CUSTOMS"));
        JsonNode verified = json(send(admin(get("audit/verify"))));
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("records").asLong()).isGreaterThan(5);
    }

    /** A refused package through the API: listed, shown, reprocessed once (refused again: a new entry), then discarded with a reason. */
    @Test
    void anAdminReprocessesAndDiscardsAQuarantinedPackage() throws Exception {
        Path garbage = base.resolve("garbage.p7m");
        Files.writeString(garbage, "not a CMS package " + System.nanoTime());
        gw.upload(CN, garbage, "garbage.p7m");
        String sha = GatewayFixture.sha256(garbage);
        String id = gw.awaitQuarantined(sha).id();
        gw.awaitCount(1, "SELECT COUNT(*) FROM quarantine WHERE quarantine_id = ?", id);

        assertThat(json(send(admin(get("quarantine")))).findValuesAsText("id")).contains(id);
        JsonNode detail = json(send(admin(get("quarantine/" + id))));
        assertThat(detail.get("entry").get("state").asText()).isEqualTo("OPEN");
        assertThat(detail.get("entry").get("packageSha256").asText()).isEqualTo(sha);
        assertThat(detail.get("entry").get("partnerId").asText()).isEqualTo(CN);
        assertThat(detail.get("entry").get("message").asText()).isNotBlank();

        HttpResponse<String> reprocess = send(admin(postNoBody("quarantine/" + id + "/reprocess")));
        assertThat(reprocess.statusCode()).as(reprocess.body()).isEqualTo(202);
        assertThat(json(reprocess).get("kind").asText()).isEqualTo("REPROCESS");
        assertThat(json(reprocess).get("requestedBy").asText()).isEqualTo("api:alice");
        assertError(send(admin(postNoBody("quarantine/" + id + "/reprocess"))), 409, "NOT_ELIGIBLE");

        // Refused again by the gateway, which took the request: the package's second entry is open.
        gw.awaitCount(2, "SELECT COUNT(*) FROM quarantine WHERE package_sha256 = ?", sha);
        JsonNode history = json(send(admin(get("quarantine/" + id))));
        assertThat(history.get("entries").findValuesAsText("state")).containsExactly("REPROCESSED", "OPEN");
        assertThat(history.get("requests").findValuesAsText("kind")).containsExactly("REPROCESS");
        String again = history.get("entries").get(1).get("id").asText();

        assertError(send(admin(postJson("quarantine/" + again + "/discard", "{}"))), 400, "INVALID_INPUT");
        HttpResponse<String> discarded = send(admin(postJson("quarantine/" + again + "/discard", "{\"reason\": \"not a package\"}")));
        assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
        assertThat(json(discarded).get("entry").get("state").asText()).isEqualTo("DISCARDED");
        assertThat(json(discarded).get("entry").get("discardedBy").asText()).isEqualTo("api:alice");
        assertThat(json(discarded).get("quarantineCopyRemoved").asBoolean()).isTrue();
        assertThat(json(send(admin(get("quarantine")))).findValuesAsText("id")).doesNotContain(again);
        assertThat(json(send(admin(get("quarantine?all=true")))).findValuesAsText("id")).contains(again);
        assertError(send(admin(postNoBody("quarantine/" + again + "/reprocess"))), 409, "NOT_ELIGIBLE");
        assertError(send(admin(get("quarantine?all=maybe"))), 400, "INVALID_INPUT");
        assertError(send(admin(get("quarantine/Q-NO-SUCH-ENTRY"))), 404, "NOT_FOUND");
    }

    /** Only a failed package is re-driven: an accepted one is refused with 409, an unknown one with 404, a bad id with 400. */
    @Test
    void failedPackagesAreListedAndARedriveOfAnythingElseIsRefused() throws Exception {
        Path sealed = gw.sealNotice(CN, TestNotices.alert(CN, "CN-GACC-API-FAILED"), "");
        gw.upload(CN, sealed, "api-not-failed.p7m");
        String sha = GatewayFixture.sha256(sealed);
        gw.awaitCount(1, "SELECT COUNT(*) FROM package WHERE sha256 = ? AND state = 'ACCEPTED'", sha);

        JsonNode failed = json(send(admin(get("failed-packages"))));
        assertThat(failed.isArray()).isTrue();
        assertThat(failed.findValuesAsText("sha256")).doesNotContain(sha);
        assertError(send(admin(postNoBody("failed-packages/" + sha.substring(0, 12) + "/redrive"))), 409, "NOT_ELIGIBLE");
        assertError(send(admin(postNoBody("failed-packages/not-hex/redrive"))), 400, "INVALID_INPUT");
        assertError(send(admin(postNoBody("failed-packages/0000000000000000/redrive"))), 404, "NOT_FOUND");
    }

    /** The contact-point directory through the API; every change is audited as the caller. */
    @Test
    void anAdminRegistersAContactPointWithItsCertificateSuspendsAndResumesIt() throws Exception {
        String body = "{\"id\": \"TH-DSI\", \"name\": \"Thai DSI\", \"country\": \"TH\", \"categories\": [\"NARCOTICS\", \"precursors\"],"
                + " \"endpoint\": \"https://dsi.th.example/notices\", \"bearerTokenEnv\": \"TH_DSI_TOKEN\"}";
        HttpResponse<String> added = send(admin(postJson("contact-points", body)));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).get("categories").toString()).contains("NARCOTICS", "PRECURSORS");
        assertThat(json(added).get("status").asText()).isEqualTo("ACTIVE");
        assertError(send(admin(postJson("contact-points", body))), 409, "CONTACT_POINT_EXISTS");
        assertError(send(admin(postJson("contact-points", body.replace("TH-DSI", "TH-SPICE").replace("NARCOTICS", "SPICES")))), 400,
                "INVALID_INPUT");
        assertError(send(admin(postJson("contact-points", body.replace("TH-DSI", "TH-FTP").replace("https://", "ftp://")))), 400,
                "INVALID_INPUT");
        assertError(send(admin(get("contact-points/XX-NO-SUCH"))), 404, "UNKNOWN_CONTACT_POINT");

        var authority = TestCertificates.authority("Thai DSI CA", base);
        String encryption = Files.readString(authority.endEntity("Thai DSI").keyUsage(KeyUsage.keyEncipherment).issue("th-dsi").certificateFile());
        String signingOnly = Files.readString(authority.endEntity("Thai DSI signer").issue("th-dsi-signer").certificateFile());
        assertError(send(admin(postJson("contact-points/TH-DSI/certificates", JSON.writeValueAsString(Map.of("pem", signingOnly))))), 400,
                "INVALID_INPUT");
        HttpResponse<String> imported = send(admin(postJson("contact-points/TH-DSI/certificates", JSON.writeValueAsString(Map.of("pem", encryption)))));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        String sha256 = json(imported).get("certificate").get("sha256").asText();
        assertError(send(admin(postJson("contact-points/TH-DSI/certificates", JSON.writeValueAsString(Map.of("pem", encryption))))), 409,
                "DUPLICATE");

        JsonNode suspended = json(send(admin(postJson("contact-points/TH-DSI/suspend", "{\"reason\": \"moving office\"}"))));
        assertThat(suspended.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(json(send(admin(get("contact-points/TH-DSI")))).get("statusReason").asText()).isEqualTo("moving office");
        assertThat(json(send(admin(postNoBody("contact-points/TH-DSI/resume")))).get("status").asText()).isEqualTo("ACTIVE");
        JsonNode shown = json(send(admin(get("contact-points/TH-DSI"))));
        assertThat(shown.get("certificates").findValuesAsText("sha256")).containsExactly(sha256);
        assertThat(shown.get("queuedDeliveries").asInt()).isZero();
        assertThat(json(send(admin(get("contact-points")))).findValuesAsText("id")).contains("TH-DSI", ENV, RILO);

        HttpResponse<String> revoked = send(admin(postJson("contact-points/TH-DSI/certificates/" + sha256.substring(0, 12) + "/revoke",
                "{\"reason\": \"superseded\"}")));
        assertThat(json(revoked).get("status").asText()).as(revoked.body()).isEqualTo("REVOKED");
        assertThat(json(send(admin(get("audit?limit=1000")))).findValuesAsText("detail"))
                .anyMatch(detail -> detail.startsWith("contact point TH-DSI added"))
                .anyMatch(detail -> detail.startsWith("contact point TH-DSI suspended"));
    }

    /** A signing key's rollover steps through the API (the key made where the password is); the last active key stays. */
    @Test
    void anAdminActivatesAndRetiresAGatewayKeyButNeverTheLastActiveOne() throws Exception {
        GatewayKeyRegistry keys = new GatewayKeyRegistry(database(), new AuditTrail(Clock.systemUTC()), Clock.systemUTC(),
                ExamplePki.DEMO_PASSWORD.toCharArray());
        String current = keys.list().stream().filter(k -> k.purpose() == KeyPurpose.SIGNING && k.status().equals("ACTIVE"))
                .findFirst().orElseThrow().sha256();
        String next = keys.generate(KeyPurpose.SIGNING, "ec", "Dragongate API test signer", Duration.ofDays(30), "admin test").sha256();

        JsonNode listed = json(send(admin(get("gateway-keys"))));
        assertThat(listed.findValuesAsText("sha256")).contains(current, next);
        assertThat(listed.toString()).doesNotContain("PRIVATE KEY");
        HttpResponse<String> activated = send(admin(postNoBody("gateway-keys/" + next.substring(0, 16) + "/activate")));
        assertThat(json(activated).get("status").asText()).as(activated.body()).isEqualTo("ACTIVE");
        assertError(send(admin(postNoBody("gateway-keys/" + next + "/activate"))), 409, "WRONG_STATE");
        HttpResponse<String> retired = send(admin(postJson("gateway-keys/" + next + "/retire", "{\"reason\": \"test over\"}")));
        assertThat(json(retired).get("status").asText()).as(retired.body()).isEqualTo("RETIRED");
        assertThat(json(retired).get("retiredReason").asText()).isEqualTo("test over");
        assertError(send(admin(postNoBody("gateway-keys/" + current + "/retire"))), 409, "LAST_ACTIVE_KEY");
        assertError(send(admin(postNoBody("gateway-keys/0000000000000000/activate"))), 404, "UNKNOWN_KEY");
    }

    /** The expiry watch's view: every watched certificate with its state, filtered by days left. */
    @Test
    void theExpiryStateOfEveryWatchedCertificateIsReadable() throws Exception {
        JsonNode all = json(send(admin(get("certificates/expiry"))));
        assertThat(all.findValuesAsText("ownerKind")).contains("PARTNER", "CONTACT_POINT", "GATEWAY");
        assertThat(all.findValuesAsText("ownerId")).contains(CN);
        for (JsonNode entry : all) {
            assertThat(entry.get("state").asText()).isIn("OK", "WARNING", "EXPIRED");
            assertThat(entry.get("daysLeft").isIntegralNumber()).isTrue();
        }
        for (JsonNode entry : json(send(admin(get("certificates/expiry?within=0"))))) {
            assertThat(entry.get("daysLeft").asLong()).isLessThanOrEqualTo(0);
        }
        assertError(send(admin(get("certificates/expiry?within=soon"))), 400, "INVALID_INPUT");
        assertError(send(admin(get("certificates/expiry?within=-1"))), 400, "INVALID_INPUT");
    }

    /** A partner's CA anchored, its CRL imported (once), the anchor removed as a mistaken import; refreshing CRLs on demand. */
    @Test
    void anAdminImportsACrlRemovesAMistakenCertificateAndRefreshesCrls() throws Exception {
        assertThat(send(admin(postJson("partners", "{\"id\": \"MY-CUSTOMS\", \"country\": \"MY\"}"))).statusCode()).isEqualTo(201);
        var authority = TestCertificates.authority("Malaysian Customs CA", base);
        HttpResponse<String> anchor = send(admin(postJson("partners/MY-CUSTOMS/certificates",
                JSON.writeValueAsString(Map.of("pem", Files.readString(authority.certificateFile()), "kind", "TRUST_ANCHOR")))));
        assertThat(anchor.statusCode()).as(anchor.body()).isEqualTo(201);
        String sha256 = json(anchor).get("sha256").asText();

        String crl = "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(
                authority.crl(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7))).getEncoded()) + "\n-----END X509 CRL-----\n";
        HttpResponse<String> imported = send(admin(postJson("partners/MY-CUSTOMS/crls", JSON.writeValueAsString(Map.of("pem", crl)))));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(json(imported).get("issuer").asText()).contains("Malaysian Customs CA");
        assertError(send(admin(postJson("partners/MY-CUSTOMS/crls", JSON.writeValueAsString(Map.of("pem", crl))))), 409, "DUPLICATE");
        assertError(send(admin(postJson("partners/MY-CUSTOMS/crls", "{\"pem\": \"not a CRL\"}"))), 400, "INVALID_INPUT");
        assertError(send(admin(postJson("partners/NO-SUCH-PARTNER/crls", JSON.writeValueAsString(Map.of("pem", crl))))), 404, "UNKNOWN_PARTNER");

        assertError(send(request("partners/MY-CUSTOMS/certificates/" + sha256).header("Authorization", "Bearer " + auditorToken).DELETE()),
                403, "FORBIDDEN");
        HttpResponse<String> removed = send(admin(request("partners/MY-CUSTOMS/certificates/" + sha256.substring(0, 12)).DELETE()));
        assertThat(json(removed).get("sha256").asText()).as(removed.body()).isEqualTo(sha256);
        assertThat(json(send(admin(get("partners/MY-CUSTOMS")))).get("certificates")).isEmpty();
        assertError(send(admin(request("partners/MY-CUSTOMS/certificates/" + sha256).DELETE())), 404, "UNKNOWN_CERTIFICATE");

        JsonNode refreshed = json(send(admin(postNoBody("crls/refresh"))));
        assertThat(refreshed.get("outcomes").isArray()).isTrue();
        boolean allCurrent = refreshed.get("outcomes").findValuesAsText("status").stream().allMatch(s -> s.equals("IMPORTED") || s.equals("UP_TO_DATE"));
        assertThat(refreshed.get("current").asBoolean()).isEqualTo(allCurrent);
        assertThat(json(send(admin(get("audit?limit=1000")))).findValuesAsText("detail"))
                .anyMatch(detail -> detail.startsWith("certificate removed for partner MY-CUSTOMS"));
    }

    /** The document and the server cannot drift apart: every route served is described, and every described one is served. */
    @Test
    void theOpenApiDocumentIsPublicAndDescribesExactlyTheRoutesTheServerHas() throws Exception {
        HttpResponse<String> document = send(get("openapi.yaml"));
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).contains("application/yaml");
        JsonNode openapi = new YAMLMapper().readTree(document.body());
        assertThat(openapi.get("openapi").asText()).startsWith("3.");

        Set<String> described = new TreeSet<>();
        openapi.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                described.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        Set<String> served = new TreeSet<>();
        gw.gateway().getCamelContext().getRestRegistry().listAllRestServices()
                .forEach(service -> served.add(service.getMethod().toUpperCase() + " " + service.getBasePath() + service.getUriTemplate()));
        // Routes of their own on the server (outside the REST DSL) must be described too.
        Set<String> describedPaths = new TreeSet<>();
        openapi.get("paths").fieldNames().forEachRemaining(describedPaths::add);
        gw.gateway().getCamelContext().getComponent("platform-http", PlatformHttpComponent.class).getHttpEndpoints().stream()
                .filter(endpoint -> endpoint.getUri().startsWith("/api/"))
                .forEach(endpoint -> assertThat(describedPaths).as("described paths").contains(endpoint.getUri()));
        assertThat(served).hasSizeGreaterThan(10).isEqualTo(described);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path));
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder postNoBody(String path) {
        return request(path).POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest.Builder postJson(String path, String body) {
        return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder admin(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + adminToken);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).as(response.body()).contains("application/json");
        return JSON.readTree(response.body());
    }

    private static String message(HttpResponse<String> response) throws IOException {
        return json(response).get("message").asText();
    }

    /** The refusal's status and code, in the API's error shape, with nothing of a Java stack trace in it. */
    private static void assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response);
        assertThat(error.get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.dragongate");
    }

    private Database database() {
        return gw.gateway().getCamelContext().getRegistry().lookupByNameAndType("database", Database.class);
    }
}
