package org.dragongate.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dragongate.store.Database;
import org.dragongate.store.DeliveryStore;
import org.dragongate.store.DeliveryStore.State;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery worker against a real HTTP peer (WireMock) and the tracking database: nothing but the
 * database carries a delivery across a restart, and two instances' workers on one database
 * deliver every notice once between them.
 */
class DeliveryWorkerIT {
    private static final String PATH = "/contact-points/VN-CUSTOMS-ASI";
    private static final String CP = "VN-CUSTOMS-ASI";

    @TempDir
    Path data;

    private WireMockServer contactPoint;
    private DeliveryTarget target;

    @BeforeEach
    void start() {
        contactPoint = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        contactPoint.start();
        target = new DeliveryTarget(CP, URI.create("http://127.0.0.1:" + contactPoint.port() + PATH), null, null);
    }

    @AfterEach
    void stop() {
        contactPoint.stop();
    }

    @Test
    void aQueuedDeliveryIsMadeByAWorkerStartedAfterARestartAndThenNeverAgain() throws Exception {
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201)));
        String key;
        try (TrackingStore before = TrackingStore.open("h2", data, Clock.systemUTC())) {
            key = before.queue("CN-GACC", "N-1", "c1".repeat(32), CP).deliveries().get(0).deliveryKey();
        }

        // A new database pool and worker, as after a restart: nothing but the database carries the delivery over.
        try (TrackingStore after = TrackingStore.open("h2", data, Clock.systemUTC())) {
            DeliveryWorker worker = worker(after.db(), "gw-restarted");
            assertThat(worker.runDue()).isOne();
            assertThat(worker.runDue()).isZero();

            contactPoint.verify(1, postRequestedFor(urlEqualTo(PATH)));
            assertThat(after.deliveries().state(key)).contains(State.DELIVERED);
            assertThat(after.events(key)).containsExactly("QUEUED [gw-test]", "DELIVERED [gw-restarted]");
        }
    }

    /** A contact point removed from the directory while its delivery waits: a failed attempt, retried, not a stopped worker. */
    @Test
    void aContactPointGoneFromTheDirectoryIsAFailedAttemptAndTheOthersStillGo() throws Exception {
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201)));
        try (TrackingStore store = TrackingStore.open("h2", data, Clock.systemUTC())) {
            String gone = store.queue("CN-GACC", "N-1", "c1".repeat(32), "XX-GONE").deliveries().get(0).deliveryKey();
            String there = store.queue("CN-GACC", "N-2", "c1".repeat(32), CP).deliveries().get(0).deliveryKey();
            DeliveryWorker worker = new DeliveryWorker(store.deliveries(), new DeliveryWorker.Claiming("gw-1", 5, Duration.ofMinutes(5)),
                    id -> {
                        if (!id.equals(CP)) {
                            throw new IllegalStateException("contact point " + id + " is no longer in the directory");
                        }
                        return target;
                    }, http(), RetryPolicy.defaults(), Clock.systemUTC(), new java.util.Random(1));

            assertThat(worker.runDue()).isEqualTo(2);

            assertThat(store.deliveries().state(there)).contains(State.DELIVERED);
            assertThat(store.deliveries().state(gone)).contains(State.QUEUED);
            assertThat(store.attempts(gone)).isOne();
            assertThat(store.audit()).anyMatch(r -> r.startsWith("RETRIED " + gone) && r.contains("no longer in the directory"));
        }
    }

    /** Two gateway instances poll the same database at once: each of 40 deliveries reaches the contact point exactly once. */
    @Test
    void twoInstancesWorkersDeliverEachNoticeOnceBetweenThem() throws Exception {
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(5)));
        var settings = TestDatabases.settings("h2", data);
        List<String> keys = new ArrayList<>();
        try (Database first = Database.open(settings); Database second = Database.open(settings)) {
            TrackingStore store = new TrackingStore(first, Clock.systemUTC());
            for (int i = 0; i < 40; i++) {
                keys.add(store.queue("CN-GACC", "N-" + i, "c1".repeat(32), CP).deliveries().get(0).deliveryKey());
            }
            List<Callable<Integer>> instances = List.of(runUntilIdle(worker(first, "gw-1")), runUntilIdle(worker(second, "gw-2")));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            int attempted = 0;
            try {
                for (Future<Integer> done : pool.invokeAll(instances, 60, TimeUnit.SECONDS)) {
                    attempted += done.get();
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(attempted).isEqualTo(40);
            List<String> sent = contactPoint.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                    .map((LoggedRequest r) -> r.getHeader(HttpDelivery.IDEMPOTENCY_KEY)).toList();
            assertThat(sent).hasSize(40).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(keys);
            assertThat(store.count("SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED'")).isEqualTo(40);
            assertThat(store.auditChainIntact()).isTrue();
        }
    }

    private static Callable<Integer> runUntilIdle(DeliveryWorker worker) {
        return () -> {
            int total = 0;
            for (int attempted = worker.runDue(); attempted > 0; attempted = worker.runDue()) {
                total += attempted;
            }
            return total;
        };
    }

    private DeliveryWorker worker(Database db, String instance) {
        return new DeliveryWorker(new DeliveryStore(db, new org.dragongate.store.AuditTrail(Clock.systemUTC()), Clock.systemUTC()),
                new DeliveryWorker.Claiming(instance, 3, Duration.ofMinutes(5)), id -> target, http(), RetryPolicy.defaults(),
                Clock.systemUTC(), new java.util.Random(2));
    }

    private static HttpDelivery http() {
        return new HttpDelivery(Duration.ofSeconds(2), Duration.ofSeconds(2), Clock.systemUTC());
    }
}
