package org.dragongate.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.dragongate.cli.DeadLetterCommand;
import org.dragongate.store.DeliveryStore;
import org.dragongate.store.DeliveryStore.State;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TrackingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An administrator finds the dead deliveries with {@code dead-letter list} and, once the contact point
 * is fixed, queues one again with {@code dead-letter redrive}: the gateway's worker then sends the
 * same bytes with the same Idempotency-Key. Both commands work on the gateway's database.
 */
class DeadLetterRedriveIT {
    private static final String CP = "RILO-AP";
    private static final String KEY = "CN-GACC.N-7.v1__" + CP;

    @TempDir
    Path data;

    private WireMockServer contactPoint;
    /** Real time: the commands stamp their changes with it, and the worker must see a re-drive as due. */
    private final Clock time = Clock.systemUTC();
    private TrackingStore store;
    private DeliveryWorker worker;

    @BeforeEach
    void start() throws Exception {
        contactPoint = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        contactPoint.start();
        // The gateway's own H2 database under its data dir, as the commands' --data-dir finds it.
        store = TrackingStore.open("h2", data, time);
        store.queue("CN-GACC", "N-7", "c7".repeat(32), CP);
        DeliveryTarget target = new DeliveryTarget(CP, URI.create("http://127.0.0.1:" + contactPoint.port() + "/in"), null, null);
        worker = new DeliveryWorker(store.deliveries(), new DeliveryWorker.Claiming("gw-1", 5, Duration.ofMinutes(5)), id -> target,
                new HttpDelivery(Duration.ofSeconds(2), Duration.ofSeconds(2), time), RetryPolicy.defaults(), time, FakeTime.topOfRange());
    }

    @AfterEach
    void stop() {
        contactPoint.stop();
        store.close();
    }

    @Test
    void listShowsEachDeadDeliveryWithItsLastOutcome() throws Exception {
        deadAfter(404);

        Run list = run("list", "--data-dir", data.toString());

        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(KEY).contains(CP).contains("HTTP 404").contains("1 attempts");
    }

    /** Same notice, same contact point: the receiver must be able to tell a re-drive from a new notice. */
    @Test
    void redriveQueuesItAgainAndTheWorkerSendsTheSameBytesWithTheSameKey() throws Exception {
        deadAfter(404);
        byte[] firstBody = contactPoint.getAllServeEvents().get(0).getRequest().getBody();
        contactPoint.resetAll();
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(201)));

        Run redrive = run("redrive", KEY, "--data-dir", data.toString());

        assertThat(redrive.exit()).isZero();
        assertThat(redrive.out()).contains("QUEUED " + KEY);
        assertThat(store.deliveries().state(KEY)).contains(State.QUEUED);
        assertThat(worker.runDue()).isOne();
        contactPoint.verify(exactly(1), postRequestedFor(urlEqualTo("/in")).withHeader("Idempotency-Key", equalTo(KEY)));
        assertThat(contactPoint.getAllServeEvents().get(0).getRequest().getBody()).isEqualTo(firstBody)
                .isEqualTo(TrackingStore.sealed("N-7->" + CP));
        assertThat(store.deliveries().state(KEY)).contains(State.DELIVERED);
        assertThat(store.events(KEY)).hasSize(4).element(2).asString().startsWith("REDRIVEN [admin ");
    }

    @Test
    void redriveOfAKeyThatIsNotDeadExitsFourAndChangesNothing() throws Exception {
        Run redrive = run("redrive", KEY, "--data-dir", data.toString());

        assertThat(redrive.exit()).isEqualTo(DeadLetterCommand.EXIT_NOT_DEAD);
        assertThat(store.deliveries().state(KEY)).contains(State.QUEUED);
        assertThat(store.events(KEY)).containsExactly("QUEUED [gw-test]");
    }

    /** A mistyped --data-dir must not quietly create an empty database and report "no dead letters". */
    @Test
    void aDataDirWithoutADatabaseIsAnError() {
        Path elsewhere = data.resolve("not-the-gateway");

        assertThat(run("list", "--data-dir", elsewhere.toString()).exit()).isEqualTo(1);
        assertThat(elsewhere).doesNotExist();
    }

    private void deadAfter(int status) throws Exception {
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(status)));
        worker.runDue();
        assertThat(store.deliveries().listDead()).extracting(DeliveryStore.DeadDelivery::deliveryKey).containsExactly(KEY);
    }

    private record Run(int exit, String out) {
    }

    /** The commands print to System.out, as a person's terminal shows it. */
    private static synchronized Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = new CommandLine(new DeadLetterCommand());
            cli.setExecutionExceptionHandler((e, line, parsed) -> 1);
            return new Run(cli.execute(args), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
