package org.dragongate.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contact point that misbehaves the ways real ones do, played by WireMock. Whatever it does, the
 * notice ends up delivered exactly once (one 2xx answer the gateway saw) or dead-lettered, never
 * neither, and every attempt carries the same Idempotency-Key. Time is fake: only the 2 s timeout
 * test waits for real.
 */
class DeliveryRetriesIT {
    private static final String PATH = "/notices";
    private static final String NOTICE_ID = "N-2025-0042";
    private static final String KEY = NOTICE_ID + ":" + ExamplePki.VN_CUSTOMS_ASI;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private SealedDelivery sealed;

    @TempDir
    Path data;

    private WireMockServer contactPoint;
    private final FakeTime time = new FakeTime();
    private DeadLetters deadLetters;
    private HttpDelivery http;

    @BeforeEach
    void start() throws IOException {
        // Loopback only, and a short Jetty stop so the 10 s delayed answer does not hold up the next test.
        contactPoint = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").jettyStopTimeout(100L)
                .notifier(new ConsoleNotifier(false)));
        contactPoint.start();
        deadLetters = new DeadLetters(data, time);
        http = new HttpDelivery(TIMEOUT, TIMEOUT, time);
        sealed = sealedFor(URI.create("http://127.0.0.1:" + contactPoint.port() + PATH));
    }

    @AfterEach
    void stop() {
        contactPoint.stop();
    }

    @Test
    void twoServerErrorsThenSuccessDeliversOnceWithOneIdempotencyKey() throws Exception {
        stub(Scenario.STARTED, "second", aResponse().withStatus(500));
        stub("second", "third", aResponse().withStatus(500));
        StubMapping ok = stub("third", "done", aResponse().withStatus(200));

        DeliveryResult result = deliverer(new Random(1)).deliver(sealed);

        assertThat(result).isEqualTo(new DeliveryResult.Delivered(3, 200));
        contactPoint.verify(exactly(3), postRequestedFor(urlEqualTo(PATH)));
        assertDeliveredExactlyOnceBy(ok);
        assertThat(deadLetters.list()).isEmpty();
    }

    @Test
    void connectionResetByPeerThenSuccessDelivers() throws Exception {
        stub(Scenario.STARTED, "reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        StubMapping ok = stub("reset", "done", aResponse().withStatus(201));

        DeliveryResult result = deliverer(new Random(2)).deliver(sealed);

        assertThat(result).isEqualTo(new DeliveryResult.Delivered(2, 201));
        assertDeliveredExactlyOnceBy(ok);
        assertThat(deadLetters.list()).isEmpty();
    }

    /**
     * The slow answer is a 200 the gateway never sees: it times out at 2 s and tries again. The contact
     * point got the notice twice, with one Idempotency-Key, so it keeps one; the gateway counts one delivery.
     */
    @Test
    void answerSlowerThanTheTimeoutIsRetriedAndDeliveredOnce() throws Exception {
        stub(Scenario.STARTED, "answered-late", aResponse().withStatus(200).withFixedDelay(10_000));
        StubMapping ok = stub("answered-late", "done", aResponse().withStatus(200));
        long started = System.nanoTime();

        DeliveryResult result = deliverer(new Random(3)).deliver(sealed);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(result).isEqualTo(new DeliveryResult.Delivered(2, 200));
        assertDeliveredExactlyOnceBy(ok);
        assertThat(deadLetters.list()).isEmpty();
    }

    @Test
    void badRequestIsDeadLetteredAfterOneAttemptAndRedrivenOnceFixed() throws Exception {
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody("schema error at line 3")));

        DeliveryResult result = deliverer(new Random(4)).deliver(sealed);

        assertThat(result).isInstanceOf(DeliveryResult.DeadLettered.class);
        DeadLetter entry = ((DeliveryResult.DeadLettered) result).entry();
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.lastReason()).contains("HTTP 400").doesNotContain("schema error");
        contactPoint.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
        Path folder = data.resolve("dead-letters").resolve(entry.id());
        assertThat(folder.resolve("entry.json")).content(StandardCharsets.UTF_8)
                .contains(NOTICE_ID).contains(ExamplePki.VN_CUSTOMS_ASI);
        assertThat(folder.resolve("sealed.p7m")).hasBinaryContent(sealed.body());
        assertThat(deadLetters.list()).containsExactly(entry);

        contactPoint.resetAll();
        StubMapping ok = contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
        DeliveryOutcome redriven = deadLetters.redrive(entry.id(), dead -> sealed.target(), http);

        assertThat(redriven).isEqualTo(new DeliveryOutcome.Delivered(200));
        assertThat(folder).doesNotExist();
        assertThat(deadLetters.list()).isEmpty();
        assertDeliveredExactlyOnceBy(ok);
        assertThat(contactPoint.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBody()).isEqualTo(sealed.body());
    }

    @Test
    void tooManyRequestsWaitsAtLeastRetryAfterThenDelivers() throws Exception {
        stub(Scenario.STARTED, "throttled", aResponse().withStatus(429).withHeader("Retry-After", "3"));
        StubMapping ok = stub("throttled", "done", aResponse().withStatus(200));

        DeliveryResult result = deliverer(new Random(5)).deliver(sealed);

        assertThat(result).isEqualTo(new DeliveryResult.Delivered(2, 200));
        // Without Retry-After the first wait would be at most 1 s (full jitter under the 1 s base).
        assertThat(time.waits()).hasSize(1);
        assertThat(time.waits().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertDeliveredExactlyOnceBy(ok);
        assertThat(deadLetters.list()).isEmpty();
    }

    /**
     * Always 503: with the default policy and every wait at its ceiling, the gateway tries 36 times
     * over exactly 24 hours (the schedule is counted out in RetryPolicyTest), then dead-letters.
     */
    @Test
    void contactPointDownForADayEndsInADeadLetterAfterTheAttemptsThePolicyAllows() throws Exception {
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

        DeliveryResult result = deliverer(FakeTime.topOfRange()).deliver(sealed);

        assertThat(result).isInstanceOf(DeliveryResult.DeadLettered.class);
        assertThat(result.attempts()).isEqualTo(36);
        assertThat(time.elapsed()).isEqualTo(Duration.ofHours(24));
        contactPoint.verify(exactly(36), postRequestedFor(urlEqualTo(PATH)));
        assertThat(successfulServeEvents()).isEmpty();
        assertThat(deadLetters.list()).singleElement().satisfies(entry -> {
            assertThat(entry.attempts()).isEqualTo(36);
            assertThat(entry.lastReason()).contains("HTTP 503");
            assertThat(entry.noticeId()).isEqualTo(NOTICE_ID);
        });
        assertSameIdempotencyKeyOnEveryRequest();
    }

    @Test
    void everyAttemptSendsTheSealedBytesAsPkcs7Mime() throws Exception {
        stub(Scenario.STARTED, "second", aResponse().withStatus(502));
        stub("second", "done", aResponse().withStatus(204));

        deliverer(new Random(6)).deliver(sealed);

        for (LoggedRequest request : contactPoint.findAll(postRequestedFor(urlEqualTo(PATH)))) {
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/pkcs7-mime");
            assertThat(request.getBody()).isEqualTo(sealed.body());
        }
        contactPoint.verify(exactly(2), postRequestedFor(urlEqualTo(PATH)));
    }

    private Deliverer deliverer(java.util.random.RandomGenerator random) {
        return new Deliverer(http, RetryPolicy.defaults(), deadLetters, time, time, random);
    }

    private StubMapping stub(String state, String next, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        return contactPoint.stubFor(post(urlEqualTo(PATH)).inScenario("delivery").whenScenarioStateIs(state)
                .willReturn(response).willSetStateTo(next));
    }

    /** Exactly one answer the gateway took as delivered, and every request named the same notice and contact point. */
    private void assertDeliveredExactlyOnceBy(StubMapping ok) {
        List<ServeEvent> delivered = contactPoint.getAllServeEvents().stream()
                .filter(event -> event.getStubMapping() != null && ok.getId().equals(event.getStubMapping().getId())).toList();
        assertThat(delivered).hasSize(1);
        assertSameIdempotencyKeyOnEveryRequest();
    }

    private void assertSameIdempotencyKeyOnEveryRequest() {
        List<LoggedRequest> requests = contactPoint.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r.getHeader(HttpDelivery.IDEMPOTENCY_KEY)).isEqualTo(KEY));
    }

    private List<ServeEvent> successfulServeEvents() {
        return contactPoint.getAllServeEvents().stream()
                .filter(event -> event.getResponse() != null && event.getResponse().getStatus() / 100 == 2).toList();
    }

    private static SealedDelivery sealedFor(URI endpoint) throws IOException {
        TestPki pki = TestPki.shared();
        Path signingKey = pki.gatewayFile(ExamplePki.SIGNING + ".p12");
        DeliverySealer sealer = new DeliverySealer(KeyFiles.load(signingKey, TestPki.password(), null));
        DeliveryTarget target = new DeliveryTarget(ExamplePki.VN_CUSTOMS_ASI, endpoint,
                pki.contactPointKey(ExamplePki.VN_CUSTOMS_ASI).certificate(), null);
        return sealer.seal(NOTICE_ID, ("<notice><id>" + NOTICE_ID + "</id></notice>").getBytes(StandardCharsets.UTF_8), target);
    }
}
