package org.dragongate.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One attempt against a WireMock contact point: what goes on the wire, and how each answer is classified. */
class HttpDeliveryIT {
    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
    private static final byte[] BODY = "sealed bytes".getBytes(StandardCharsets.US_ASCII);

    private WireMockServer contactPoint;
    private HttpDelivery http;

    @BeforeEach
    void start() {
        contactPoint = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        contactPoint.start();
        Duration timeout = Duration.ofSeconds(2);
        http = new HttpDelivery(timeout, timeout, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        contactPoint.stop();
    }

    @Test
    void postsTheBytesWithMediaTypeIdempotencyKeyAndBearerToken() throws Exception {
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(202)));

        DeliveryOutcome outcome = http.send(delivery("tok-123"));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(202));
        contactPoint.verify(exactly(1), postRequestedFor(urlEqualTo("/in"))
                .withHeader("Content-Type", equalTo("application/pkcs7-mime"))
                .withHeader("Idempotency-Key", equalTo("N-1__VN-DRUG-POLICE"))
                .withHeader("Authorization", equalTo("Bearer tok-123")));
        assertThat(contactPoint.findAll(postRequestedFor(urlEqualTo("/in"))).get(0).getBody()).isEqualTo(BODY);
    }

    @Test
    void sendsNoAuthorizationWithoutAToken() throws Exception {
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(200)));

        http.send(delivery(null));

        contactPoint.verify(exactly(1), postRequestedFor(urlEqualTo("/in")).withHeader("Authorization", absent()));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408, 429})
    void serverErrorsTimeoutAndThrottlingAreRetried(int status) throws Exception {
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(status)));

        assertThat(http.send(delivery(null))).isEqualTo(new DeliveryOutcome.RetryLater("HTTP " + status, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 410, 413, 415, 422})
    void otherClientErrorsAreRejectedForGood(int status) throws Exception {
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(status)));

        assertThat(http.send(delivery(null))).isEqualTo(new DeliveryOutcome.Rejected(status, "HTTP " + status));
    }

    /** Following a redirect would hand the notice and the bearer token to a host the directory never named. */
    @Test
    void redirectIsNotFollowed() throws Exception {
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(307).withHeader("Location", "/elsewhere")));
        contactPoint.stubFor(post(urlEqualTo("/elsewhere")).willReturn(aResponse().withStatus(200)));

        DeliveryOutcome outcome = http.send(delivery("tok-123"));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class);
        contactPoint.verify(exactly(0), postRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void retryAfterAsAnHttpDateBecomesTheWaitFromNow() throws Exception {
        contactPoint.stubFor(post(urlEqualTo("/in"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Sat, 01 Mar 2025 08:10:00 GMT")));

        DeliveryOutcome outcome = http.send(delivery(null));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.RetryLater("HTTP 503", Duration.ofMinutes(10)));
    }

    /** Reasons go to logs and dead-letter entries: what a contact point says back must not. */
    @Test
    void reasonNeverQuotesTheResponseBody() throws Exception {
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(422)
                .withBody("invalid notice: <commodity>cocaine 40 kg</commodity>")));

        DeliveryOutcome outcome = http.send(delivery(null));

        assertThat(outcome.reason()).isEqualTo("HTTP 422");
    }

    @Test
    void connectionRefusedIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SealedDelivery toNowhere = new SealedDelivery("N-1",
                new DeliveryTarget("VN-DRUG-POLICE", URI.create("http://127.0.0.1:" + closedPort + "/in"), null, null), BODY);

        assertThat(http.send(toNowhere)).isEqualTo(new DeliveryOutcome.RetryLater("connection refused", null));
    }

    @Test
    void answerSlowerThanTheRequestTimeoutIsATimeout() throws Exception {
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(200).withFixedDelay(4_000)));
        long started = System.nanoTime();

        DeliveryOutcome outcome = http.send(delivery(null));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.RetryLater("timeout", null));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_500));
    }

    private SealedDelivery delivery(String token) {
        URI endpoint = URI.create("http://127.0.0.1:" + contactPoint.port() + "/in");
        return new SealedDelivery("N-1", new DeliveryTarget("VN-DRUG-POLICE", endpoint, null, token), BODY);
    }
}
