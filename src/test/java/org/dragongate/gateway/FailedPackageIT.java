package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.jms.JmsComponent;
import org.dragongate.pki.ExamplePki;
import org.dragongate.queue.QueueNames;
import org.dragongate.testing.AdminCli;
import org.dragongate.testing.GatewayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package whose processing fails on every attempt (here the disk refuses the opened documents):
 * after the last attempt the broker moves its message to the dead-letter queue, the gateway records
 * the package as FAILED with the reason and drains the queue; the administrator finds it with
 * {@code failed list} and, once the disk is back, re-drives it with {@code failed redrive}.
 */
class FailedPackageIT {
    private static final String CN = ExamplePki.CN_GACC;

    @TempDir
    Path base;

    private GatewayFixture gw;

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void aPackageThatFailsEveryAttemptIsListedAsFailedAndRedrivenOnceTheTroubleIsOver() throws Exception {
        gw = GatewayFixture.start(base);
        Path blocker = Files.writeString(Files.createDirectories(gw.dataDir()).resolve("opened"), "not a folder: the open stage cannot write");
        gw.startGateway(Map.of("queues.redelivery-delay", "100", "queues.max-delivery-attempts", "3", "gateway.requests-poll-period", "200",
                "gateway.instance-id", "gw-f"));
        Path sealed = gw.seal(CN);
        String sha = GatewayFixture.sha256(sealed);
        AdminCli cli = new AdminCli(gw.dataDir());

        gw.upload(CN, sealed, "never-opens.p7m");

        String last = GatewayFixture.await("the last failed attempt", () -> gw.logLines().stream()
                .filter(l -> l.contains("package " + sha.substring(0, 12)) && l.contains("attempt 3 of 3 failed")).findFirst().orElse(null));
        assertThat(last).contains("ERROR", "FileAlreadyExistsException", "moves it to " + QueueNames.FAILED);
        gw.awaitCount(1, "SELECT COUNT(*) FROM package WHERE sha256 = ? AND state = 'FAILED'", sha);
        GatewayFixture.await("the dead-letter queue to be drained", () -> browse(QueueNames.FAILED).isEmpty() ? true : null);
        AdminCli.Run list = cli.run("failed", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(sha, "CN-GACC", "never-opens.p7m", "after 3 attempts", "FileAlreadyExistsException")
                .doesNotContain("cashew");
        assertThat(gw.archived(sha)).isTrue();
        assertThat(gw.quarantine().list()).isEmpty();

        Files.delete(blocker);
        AdminCli.Run redrive = cli.run("failed", "redrive", sha.substring(0, 12));
        assertThat(redrive.exit()).as(redrive.err()).isZero();

        assertThat(gw.awaitOpened(sha).resolve("1-document")).hasSameBinaryContentAs(GatewayFixture.noticeOf(sealed));
        gw.awaitCount(1, "SELECT COUNT(*) FROM package WHERE sha256 = ? AND state = 'ACCEPTED'", sha);
        assertThat(gw.tracking().events(sha)).startsWith("RECEIVED [gw-f]", "FAILED [gw-f]")
                .containsSubsequence("FAILED [gw-f]", "RECEIVED [gw-f]", "OPENED [gw-f]", "ACCEPTED [gw-f]")
                .anyMatch(e -> e.startsWith("ADMIN_ACTION [admin "));
        assertThat(cli.run("failed", "list").out()).contains("no failed packages");
        assertThat(cli.run("failed", "redrive", sha).err()).startsWith("ERROR: package " + sha.substring(0, 12) + " is ACCEPTED, not FAILED");
    }

    /** A package whose archived bytes are gone cannot go again: its request fails, for the administrator to see, and nothing is queued. */
    @Test
    void aRedriveOfAPackageWhoseBytesAreGoneFailsItsRequest() throws Exception {
        gw = GatewayFixture.start(base);
        Files.writeString(Files.createDirectories(gw.dataDir()).resolve("opened"), "not a folder: the open stage cannot write");
        gw.startGateway(Map.of("queues.redelivery-delay", "100", "queues.max-delivery-attempts", "2", "gateway.requests-poll-period", "200",
                "gateway.instance-id", "gw-f"));
        Path sealed = gw.seal(CN);
        String sha = GatewayFixture.sha256(sealed);
        gw.upload(CN, sealed, "lost.p7m");
        gw.awaitCount(1, "SELECT COUNT(*) FROM package WHERE sha256 = ? AND state = 'FAILED'", sha);
        Files.delete(gw.dataDir().resolve("archive").resolve(sha.substring(0, 2)).resolve(sha + ".p7m"));

        assertThat(new AdminCli(gw.dataDir()).run("failed", "redrive", sha).exit()).isZero();

        gw.awaitCount(1, "SELECT COUNT(*) FROM package_request WHERE package_sha256 = ? AND state = 'FAILED' AND outcome LIKE ?", sha,
                "the archived bytes of package " + sha.substring(0, 12) + " are gone%");
        assertThat(gw.tracking().events(sha)).last().asString().startsWith("ADMIN_ACTION [gw-f]");
        assertThat(gw.tracking().count("SELECT COUNT(*) FROM package WHERE sha256 = ? AND state = 'FAILED'", sha)).isOne();
    }

    /**
     * Something other than the gateway's own claim check on the failed queue (another tool's message, a hand-made one)
     * cannot be recorded or re-driven: it is logged by size and digest, never by content, and dropped, and the queue goes on.
     */
    @Test
    void aMessageOnTheFailedQueueThatIsNotAClaimCheckIsLoggedAndDroppedAndTheQueueGoesOn() throws Exception {
        gw = GatewayFixture.start(base);
        gw.startGateway();
        var producer = gw.gateway().getCamelContext().createProducerTemplate();

        producer.sendBody("jms:queue:" + QueueNames.FAILED, "secret intelligence, not JSON");
        producer.sendBody("jms:queue:" + QueueNames.FAILED, "[\"an array\"]");

        List<String> dropped = GatewayFixture.await("both messages to be dropped", () -> {
            List<String> lines = gw.logLines().stream().filter(l -> l.contains("is not a claim check this gateway wrote")).toList();
            return lines.size() == 2 ? lines : null;
        });
        // Two consumers may take them in either order.
        assertThat(dropped).allSatisfy(l -> assertThat(l).contains("ERROR").doesNotContain("secret intelligence", "an array"))
                .anySatisfy(l -> assertThat(l).contains("not JSON", "29 characters, SHA-256 "))
                .anySatisfy(l -> assertThat(l).contains("not a JSON object", "12 characters, SHA-256 "));
        GatewayFixture.await("the failed queue to be drained", () -> browse(QueueNames.FAILED).isEmpty() ? true : null);
        assertThat(gw.tracking().count("SELECT COUNT(*) FROM package")).isZero();

        // And a real package after them still goes through.
        Path sealed = gw.seal(CN);
        gw.upload(CN, sealed, "after-the-stray-messages.p7m");
        gw.awaitProcessed(GatewayFixture.sha256(sealed));
    }

    /** The messages on a queue of the gateway's broker, left where they are. */
    private List<Object> browse(String queue) {
        ConnectionFactory factory = gw.gateway().getCamelContext().getComponent("jms", JmsComponent.class).getConfiguration()
                .getListenerConnectionFactory();
        try (Connection connection = factory.createConnection(); Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            connection.start();
            return Collections.list(browser.getEnumeration());
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
