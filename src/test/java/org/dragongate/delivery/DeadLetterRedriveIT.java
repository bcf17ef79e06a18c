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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.dragongate.cli.DeadLetterCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** An administrator re-drives dead letters once the contact point is fixed; a failed re-drive loses nothing. */
class DeadLetterRedriveIT {
    private static final byte[] BODY = {0x30, 0x03, 0x02, 0x01, 0x00};

    @TempDir
    Path data;

    private WireMockServer contactPoint;
    private final FakeTime time = new FakeTime();
    private DeadLetters store;
    private HttpDelivery http;

    @BeforeEach
    void start() {
        contactPoint = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        contactPoint.start();
        store = new DeadLetters(data, time);
        http = new HttpDelivery(Duration.ofSeconds(2), Duration.ofSeconds(2), time);
    }

    @AfterEach
    void stop() {
        contactPoint.stop();
    }

    @Test
    void failedRedriveKeepsTheEntryWithTheAttemptCounted() throws Exception {
        DeadLetter entry = store.add(delivery(), 36, "gave up after 36 attempts");
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(503)));
        time.sleep(Duration.ofHours(2));

        DeliveryOutcome outcome = store.redrive(entry.id(), dead -> delivery().target(), http);

        assertThat(outcome).isInstanceOf(DeliveryOutcome.RetryLater.class);
        assertThat(store.list()).singleElement().satisfies(kept -> {
            assertThat(kept.attempts()).isEqualTo(37);
            assertThat(kept.lastReason()).isEqualTo("HTTP 503");
            assertThat(kept.lastAttemptAt()).isEqualTo(FakeTime.START.plus(Duration.ofHours(2)));
            assertThat(kept.deadLetteredAt()).isEqualTo(FakeTime.START);
        });
        assertThat(store.sealedBytes(entry.id())).isEqualTo(BODY);
    }

    /** Same notice, same contact point: the receiver must be able to tell a re-drive from a new notice. */
    @Test
    void redriveSendsTheStoredBytesWithTheOriginalIdempotencyKey() throws Exception {
        DeadLetter entry = store.add(delivery(), 1, "HTTP 400");
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(200)));

        store.redrive(entry.id(), dead -> delivery().target(), http);

        contactPoint.verify(exactly(1), postRequestedFor(urlEqualTo("/in")).withHeader("Idempotency-Key", equalTo("N-7:RILO-AP")));
        assertThat(contactPoint.findAll(postRequestedFor(urlEqualTo("/in"))).get(0).getBody()).isEqualTo(BODY);
    }

    @Test
    void redriveCommandDeliversAndRemovesTheEntry() throws Exception {
        DeadLetter entry = store.add(delivery(), 1, "HTTP 404");
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(201)));

        int exit = new CommandLine(new DeadLetterCommand())
                .execute("redrive", entry.id(), "--data-dir", data.toString(), "--timeout", "2");

        assertThat(exit).isZero();
        assertThat(store.list()).isEmpty();
        contactPoint.verify(exactly(1), postRequestedFor(urlEqualTo("/in")));
    }

    @Test
    void redriveCommandThatFailsExitsFourAndKeepsTheEntry() throws Exception {
        DeadLetter entry = store.add(delivery(), 1, "HTTP 404");
        contactPoint.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(404)));

        int exit = new CommandLine(new DeadLetterCommand())
                .execute("redrive", entry.id(), "--data-dir", data.toString(), "--timeout", "2");

        assertThat(exit).isEqualTo(DeadLetterCommand.EXIT_NOT_DELIVERED);
        assertThat(store.list()).singleElement().extracting(DeadLetter::attempts).isEqualTo(2);
    }

    @Test
    void listCommandSucceedsOnAStoreWithEntries() throws Exception {
        store.add(delivery(), 1, "HTTP 404");

        assertThat(new CommandLine(new DeadLetterCommand()).execute("list", "--data-dir", data.toString())).isZero();
    }

    private SealedDelivery delivery() {
        URI endpoint = URI.create("http://127.0.0.1:" + contactPoint.port() + "/in");
        return new SealedDelivery("N-7", new DeliveryTarget("RILO-AP", endpoint, null, null), BODY);
    }
}
