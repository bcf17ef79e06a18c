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
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.DeliveryStore;
import org.dragongate.store.DeliveryStore.State;
import org.dragongate.store.NoticeRegistry;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestPki;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contact point that misbehaves the ways real ones do, played by WireMock, and the delivery worker
 * on a queued delivery in the tracking database. Whatever the contact point does, the notice ends
 * up delivered exactly once (one 2xx answer the gateway saw) or dead, never neither, and every
 * attempt carries the same Idempotency-Key. Time is fake: the test moves it to each next attempt;
 * only the 2 s timeout test waits for real.
 */
class DeliveryRetriesIT {
    private static final String PATH = "/notices";
    private static final String REFERENCE = "N-2025-0042";
    private static final String NOTICE_ID = "CN-GACC." + REFERENCE + ".v1";
    private static final String KEY = NOTICE_ID + "__" + ExamplePki.VN_CUSTOMS_ASI;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private SealedDelivery sealed;

    @TempDir
    Path data;

    private WireMockServer contactPoint;
    private final FakeTime time = new FakeTime();
    private TrackingStore store;
    private DeliveryStore deliveries;
    private HttpDelivery http;

    @BeforeEach
    void start() throws IOException, SQLException {
        // Loopback only, and a short Jetty stop so the 10 s delayed answer does not hold up the next test.
        contactPoint = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").jettyStopTimeout(100L)
                .notifier(new ConsoleNotifier(false)));
        contactPoint.start();
        http = new HttpDelivery(TIMEOUT, TIMEOUT, time);
        sealed = sealedFor(URI.create("http://127.0.0.1:" + contactPoint.port() + PATH));
        store = TrackingStore.open("h2", data, time);
        deliveries = store.deliveries();
        store.registry("gw-test").register(new NoticeRegistry.IncomingNotice(store.newPackage("CN-GACC"), 1, "CN-GACC", REFERENCE,
                "c1".repeat(32)), List.of(new DeliveryStore.RoutedDelivery(ExamplePki.VN_CUSTOMS_ASI, "test rule", sealed.body())));
    }

    @AfterEach
    void stop() {
        contactPoint.stop();
        store.close();
    }

    @Test
    void twoServerErrorsThenSuccessDeliversOnceWithOneIdempotencyKey() throws Exception {
        stub(Scenario.STARTED, "second", aResponse().withStatus(500));
        stub("second", "third", aResponse().withStatus(500));
        StubMapping ok = stub("third", "done", aResponse().withStatus(200));

        assertThat(deliver(new Random(1))).isEqualTo(State.DELIVERED);

        assertThat(store.attempts(KEY)).isEqualTo(3);
        contactPoint.verify(exactly(3), postRequestedFor(urlEqualTo(PATH)));
        assertDeliveredExactlyOnceBy(ok);
        assertThat(deliveries.listDead()).isEmpty();
    }

    @Test
    void connectionResetByPeerThenSuccessDelivers() throws Exception {
        stub(Scenario.STARTED, "reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        StubMapping ok = stub("reset", "done", aResponse().withStatus(201));

        assertThat(deliver(new Random(2))).isEqualTo(State.DELIVERED);

        assertThat(store.attempts(KEY)).isEqualTo(2);
        assertDeliveredExactlyOnceBy(ok);
        assertThat(deliveries.listDead()).isEmpty();
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

        State state = deliver(new Random(3));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(state).isEqualTo(State.DELIVERED);
        assertThat(store.attempts(KEY)).isEqualTo(2);
        assertDeliveredExactlyOnceBy(ok);
        assertThat(deliveries.listDead()).isEmpty();
    }

    @Test
    void badRequestIsDeadLetteredAfterOneAttemptAndRedrivenOnceFixed() throws Exception {
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody("schema error at line 3")));

        assertThat(deliver(new Random(4))).isEqualTo(State.DEAD);

        contactPoint.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
        assertThat(deliveries.listDead()).singleElement().satisfies(dead -> {
            assertThat(dead.deliveryKey()).isEqualTo(KEY);
            assertThat(dead.noticeId()).isEqualTo(NOTICE_ID);
            assertThat(dead.contactPointId()).isEqualTo(ExamplePki.VN_CUSTOMS_ASI);
            assertThat(dead.attempts()).isEqualTo(1);
            assertThat(dead.lastOutcome()).contains("HTTP 400").doesNotContain("schema error");
        });

        contactPoint.resetAll();
        StubMapping ok = contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
        assertThat(deliveries.redrive(KEY, "admin test")).isTrue();

        assertThat(deliver(new Random(4))).isEqualTo(State.DELIVERED);
        assertThat(deliveries.listDead()).isEmpty();
        assertDeliveredExactlyOnceBy(ok);
        assertThat(contactPoint.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBody()).isEqualTo(sealed.body());
    }

    @Test
    void tooManyRequestsWaitsAtLeastRetryAfterThenDelivers() throws Exception {
        stub(Scenario.STARTED, "throttled", aResponse().withStatus(429).withHeader("Retry-After", "3"));
        StubMapping ok = stub("throttled", "done", aResponse().withStatus(200));

        assertThat(deliver(new Random(5))).isEqualTo(State.DELIVERED);

        assertThat(store.attempts(KEY)).isEqualTo(2);
        // Without Retry-After the first wait would be at most 1 s (full jitter under the 1 s base).
        assertThat(time.waits()).hasSize(1);
        assertThat(time.waits().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertDeliveredExactlyOnceBy(ok);
        assertThat(deliveries.listDead()).isEmpty();
    }

    /**
     * Always 503: with the default policy and every wait at its ceiling, the gateway tries 36 times
     * over exactly 24 hours (the schedule is counted out in RetryPolicyTest), then dead-letters.
     */
    @Test
    void contactPointDownForADayEndsInADeadLetterAfterTheAttemptsThePolicyAllows() throws Exception {
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

        assertThat(deliver(FakeTime.topOfRange())).isEqualTo(State.DEAD);

        assertThat(time.elapsed()).isEqualTo(Duration.ofHours(24));
        contactPoint.verify(exactly(36), postRequestedFor(urlEqualTo(PATH)));
        assertThat(successfulServeEvents()).isEmpty();
        assertThat(deliveries.listDead()).singleElement().satisfies(entry -> {
            assertThat(entry.attempts()).isEqualTo(36);
            assertThat(entry.lastOutcome()).contains("HTTP 503");
            assertThat(entry.noticeId()).isEqualTo(NOTICE_ID);
        });
        assertSameIdempotencyKeyOnEveryRequest();
    }

    @Test
    void everyAttemptSendsTheSealedBytesAsPkcs7Mime() throws Exception {
        stub(Scenario.STARTED, "second", aResponse().withStatus(502));
        stub("second", "done", aResponse().withStatus(204));

        deliver(new Random(6));

        for (LoggedRequest request : contactPoint.findAll(postRequestedFor(urlEqualTo(PATH)))) {
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/pkcs7-mime");
            assertThat(request.getBody()).isEqualTo(sealed.body());
        }
        contactPoint.verify(exactly(2), postRequestedFor(urlEqualTo(PATH)));
    }

    /** Runs the worker until the delivery is delivered or dead, moving the fake time to each next attempt. */
    private State deliver(RandomGenerator random) throws SQLException, InterruptedException {
        DeliveryWorker worker = new DeliveryWorker(deliveries, new DeliveryWorker.Claiming("gw-1", 5, Duration.ofMinutes(5)),
                contactPointId -> sealed.target(), http, RetryPolicy.defaults(), time, random);
        while (true) {
            assertThat(worker.runDue()).as("one attempt per run, as each falls due").isOne();
            State state = deliveries.state(KEY).orElseThrow();
            if (state != State.QUEUED) {
                return state;
            }
            time.sleep(Duration.between(time.instant(), store.nextAttemptAt(KEY)));
        }
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
        return sealer.seal(NOTICE_ID, ("<notice><id>" + REFERENCE + "</id></notice>").getBytes(StandardCharsets.UTF_8), target);
    }
}
