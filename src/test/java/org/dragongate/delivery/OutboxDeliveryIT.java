package org.dragongate.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable outbox and the worker that empties it, against a real HTTP peer (WireMock): a delivery
 * is queued once, survives a restart of the worker, is retried on the policy's schedule and leaves
 * the outbox exactly when the contact point has it.
 */
class OutboxDeliveryIT {
    private static final String PATH = "/contact-points/VN-CUSTOMS-ASI";
    private static final String NOTICE_ID = "CN-GACC-2026-000777";

    @TempDir
    Path data;

    private final FakeTime time = new FakeTime();
    private WireMockServer contactPoint;
    private DeliveryTarget target;

    @BeforeEach
    void start() {
        contactPoint = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        contactPoint.start();
        TestPki pki = TestPki.shared();
        target = new DeliveryTarget(ExamplePki.VN_CUSTOMS_ASI, URI.create("http://127.0.0.1:" + contactPoint.port() + PATH),
                pki.contactPointKey(ExamplePki.VN_CUSTOMS_ASI).certificate(), null);
    }

    @AfterEach
    void stop() {
        contactPoint.stop();
    }

    @Test
    void theSameNoticeIsQueuedForAContactPointOnlyOnce() throws Exception {
        Outbox outbox = new Outbox(data);

        assertThat(outbox.enqueue(sealed(), time.instant())).isTrue();
        assertThat(outbox.enqueue(sealed(), time.instant())).isFalse();
        assertThat(outbox.due(time.instant())).hasSize(1);
    }

    @Test
    void aQueuedDeliveryIsMadeByAWorkerStartedAfterARestartAndThenNeverAgain() throws Exception {
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201)));
        new Outbox(data).enqueue(sealed(), time.instant());

        // A new outbox and worker, as after a restart: nothing but the files carries the delivery over.
        DeliveryWorker worker = worker();
        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(worker.runDue()).isZero();

        contactPoint.verify(1, postRequestedFor(urlEqualTo(PATH)));
        assertThat(data.resolve("delivered")).isDirectoryContaining(p -> p.getFileName().toString().startsWith(NOTICE_ID));
        assertThat(new Outbox(data).enqueue(sealed(), time.instant())).as("delivered notices are not queued again").isFalse();
    }

    @Test
    void aFailedAttemptWaitsForItsBackoffAndIsRetriedWithTheSameBytes() throws Exception {
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        Outbox outbox = new Outbox(data);
        outbox.enqueue(sealed(), time.instant());
        byte[] queued = outbox.sealedBytes(outbox.due(time.instant()).get(0));
        DeliveryWorker worker = worker();

        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(worker.runDue()).as("not due again before its backoff").isZero();
        OutboxJob waiting = Files.list(data.resolve("outbox")).findFirst().map(this::job).orElseThrow();
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.lastReason()).contains("503");

        contactPoint.resetAll();
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
        time.sleep(Duration.between(time.instant(), waiting.nextAttemptAt()));
        assertThat(worker.runDue()).isEqualTo(1);

        contactPoint.verify(1, postRequestedFor(urlEqualTo(PATH)));
        assertThat(contactPoint.getAllServeEvents().get(0).getRequest().getBody()).isEqualTo(queued);
        assertThat(new Outbox(data).due(time.instant().plus(Duration.ofDays(2)))).isEmpty();
    }

    @Test
    void aPermanentRefusalLeavesTheOutboxForTheDeadLetters() throws Exception {
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)));
        new Outbox(data).enqueue(sealed(), time.instant());

        worker().runDue();

        assertThat(new Outbox(data).due(time.instant().plus(Duration.ofDays(2)))).isEmpty();
        assertThat(new DeadLetters(data, time).list()).singleElement()
                .satisfies(dead -> assertThat(dead.noticeId()).isEqualTo(NOTICE_ID));
    }

    private DeliveryWorker worker() {
        return new DeliveryWorker(new Outbox(data), id -> target, new HttpDelivery(Duration.ofSeconds(2), Duration.ofSeconds(2), time),
                RetryPolicy.defaults(), new DeadLetters(data, time), time, FakeTime.topOfRange());
    }

    private OutboxJob job(Path folder) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                    .readValue(folder.resolve(Outbox.JOB).toFile(), OutboxJob.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SealedDelivery sealed() throws IOException {
        TestPki pki = TestPki.shared();
        DeliverySealer sealer = new DeliverySealer(KeyFiles.load(pki.gatewayFile(ExamplePki.SIGNING + ".p12"), TestPki.password(), null));
        return sealer.seal(NOTICE_ID, ("<notice><id>" + NOTICE_ID + "</id></notice>").getBytes(StandardCharsets.UTF_8), target);
    }
}
