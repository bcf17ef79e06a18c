package org.dragongate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.dragongate.testing.GatewayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway serves the console's files on the API's server, with the headers that keep browsers strict. */
class ConsoleServingIT {
    @TempDir
    Path base;

    private GatewayFixture gw;
    private String root;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        int port = GatewayFixture.freeLoopbackPort();
        gw = GatewayFixture.start(base).startGateway(Map.of(
                "camel.main.routes-include-pattern", GatewayFixture.SFTP_ROUTES + ",file:routes/api.camel.yaml,file:routes/console.camel.yaml",
                "api.port", Integer.toString(port)));
        root = "http://127.0.0.1:" + port;
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
    }

    @Test
    void theIndexPageComesWithAPolicyThatAllowsOnlyTheGatewaysOwnScripts() throws Exception {
        HttpResponse<String> index = get("/console/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(index.body()).contains("js/app.js");
        assertThat(get("/console/js/app.js").headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    }

    @Test
    void theBarePathRedirectsAndNothingElseOnTheClasspathIsReachable() throws Exception {
        assertThat(get("/console").headers().firstValue("Location")).contains("/console/");
        assertThat(get("/console/../logback.xml").statusCode()).isEqualTo(404);
        assertThat(get("/console/%2e%2e/application.properties").statusCode()).isEqualTo(404);
        assertThat(get("/console/db/migration/V1__tracking.sql").statusCode()).isEqualTo(404);
    }

    @Test
    void itOnlyServesReads() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(root + "/console/index.html"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(root + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
