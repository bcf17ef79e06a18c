package org.dragongate.queue;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.dragongate.testing.GatewayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queues on a real Artemis broker: what the broker accepted survives a stop and a crash, a
 * consumer's failed transaction brings the message back until the broker gives up and moves it to
 * the dead-letter queue, and the same component works against an external broker by URL.
 */
class BrokerIT {
    private static final String RECEIVED = "jms:queue:" + QueueNames.RECEIVED;
    private static final Redelivery QUICK = new Redelivery(3, Duration.ofMillis(100), Duration.ofSeconds(1));

    @TempDir
    Path dir;

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    @AfterEach
    void closeEverything() throws Exception {
        while (!open.isEmpty()) {
            open.pop().close();
        }
    }

    /** A message sent to the embedded broker is still there after the broker stops and starts again on the same journal. */
    @Test
    void messageSurvivesABrokerStopAndRestartOnTheSameJournal() throws Exception {
        QueueBroker first = embedded();
        DefaultCamelContext camel = camel(first);
        camel.createProducerTemplate().sendBody(RECEIVED, "claim check 1");
        camel.stop();
        assertThat(first.embedded()).as("the broker stops with the Camel context").isNull();

        EmbeddedBroker again = keep(EmbeddedBroker.start(dir, null, QUICK));

        assertThat(again.messageCount(QueueNames.RECEIVED)).isEqualTo(1);
        assertThat(receive(new ActiveMQConnectionFactory(again.inVmUrl()), QueueNames.RECEIVED)).isEqualTo("claim check 1");
    }

    /**
     * A send through the gateway's component returns only once the message is on disk: a JVM halted
     * right after the send returned (no shutdown, no flush) leaves the message in the journal. This
     * is what lets the intake routes release a package's source as soon as the send returned.
     */
    @Test
    void sendReturnsOnlyOnceTheMessageIsInTheJournal() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SendThenHalt.class.getName(), dir.toString(), "claim check 2");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("SENT");

        EmbeddedBroker after = keep(EmbeddedBroker.start(dir, null, QUICK));

        assertThat(receive(new ActiveMQConnectionFactory(after.inVmUrl()), QueueNames.RECEIVED)).isEqualTo("claim check 2");
    }

    /**
     * A transacted consumer whose processing throws rolls back: the broker delivers the message again,
     * later each time, and after the last attempt moves it to the dead-letter queue, where it stays.
     */
    @Test
    void failingConsumerGetsTheMessageAgainUntilItEndsOnTheDeadLetterQueue() throws Exception {
        QueueBroker broker = embedded();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        List<Instant> times = new CopyOnWriteArrayList<>();
        DefaultCamelContext camel = camel(broker, new RouteBuilder() {
            @Override
            public void configure() {
                from(RECEIVED).routeId("failing").process(exchange -> {
                    attempts.add(exchange.getIn().getHeader("JMSXDeliveryCount", Integer.class));
                    times.add(Instant.now());
                    throw new IOException("the disk is full");
                });
            }
        });

        camel.createProducerTemplate().sendBody(RECEIVED, "claim check 3");

        GatewayFixture.await("the message on " + QueueNames.FAILED, () -> broker.embedded().messageCount(QueueNames.FAILED) == 1 ? true : null);
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThanOrEqualTo(QUICK.firstDelay());
        assertThat(Duration.between(times.get(1), times.get(2))).as("backoff").isGreaterThanOrEqualTo(QUICK.firstDelay().multipliedBy(2));
        assertThat(broker.embedded().messageCount(QueueNames.RECEIVED)).isZero();
        camel.getRouteController().stopRoute("failing");
        assertThat(receive(broker.consumers(), QueueNames.FAILED)).isEqualTo("claim check 3");
    }

    /** A failure the route handles (a refusal sent to quarantine) completes the exchange: the message is consumed once, not redelivered. */
    @Test
    void handledFailureConsumesTheMessage() throws Exception {
        QueueBroker broker = embedded();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        camel(broker, new RouteBuilder() {
            @Override
            public void configure() {
                from(RECEIVED).onException(IllegalArgumentException.class).handled(true).end()
                        .process(exchange -> {
                            attempts.add(exchange.getIn().getHeader("JMSXDeliveryCount", Integer.class));
                            throw new IllegalArgumentException("refused");
                        });
            }
        }).createProducerTemplate().sendBody(RECEIVED, "claim check 4");

        GatewayFixture.await("the message to be consumed", () -> !attempts.isEmpty()
                && broker.embedded().messageCount(QueueNames.RECEIVED) == 0 ? true : null);
        assertThat(attempts).containsExactly(1);
        assertThat(broker.embedded().messageCount(QueueNames.FAILED)).isZero();
    }

    /**
     * With a broker URL no broker is embedded: the component reaches the external broker, here an
     * embedded one on a free loopback port, as a second gateway process would reach the first one's.
     */
    @Test
    void externalBrokerByUrlCarriesTheQueues() throws Exception {
        int port = GatewayFixture.freeLoopbackPort();
        EmbeddedBroker external = keep(EmbeddedBroker.start(dir.resolve("external"), port, QUICK));
        QueueBroker byUrl = new QueueBroker(new QueueSettings("tcp://127.0.0.1:" + port, null, null, null, 2, QUICK), dir.resolve("unused"));
        List<String> bodies = new CopyOnWriteArrayList<>();
        camel(byUrl, new RouteBuilder() {
            @Override
            public void configure() {
                from(RECEIVED).process(exchange -> bodies.add(exchange.getIn().getBody(String.class)));
            }
        });
        assertThat(byUrl.embedded()).isNull();

        send(new ActiveMQConnectionFactory(external.inVmUrl()), QueueNames.RECEIVED, "claim check 5");

        GatewayFixture.await("the message over TCP", () -> bodies.isEmpty() ? null : true);
        assertThat(bodies).containsExactly("claim check 5");
        assertThat(dir.resolve("unused")).doesNotExist();
    }

    // ---- helpers ----

    private QueueBroker embedded() {
        return new QueueBroker(new QueueSettings(null, null, null, null, 2, QUICK), dir);
    }

    private DefaultCamelContext camel(QueueBroker broker, RouteBuilder... routes) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent("jms", CamelQueues.component(broker));
        camel.addService(CamelQueues.lifecycle(broker), true, true);
        for (RouteBuilder route : routes) {
            camel.addRoutes(route);
        }
        camel.start();
        return keep(camel);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.push(resource);
        return resource;
    }

    private static void send(ConnectionFactory factory, String queue, String text) throws JMSException {
        try (Connection connection = factory.createConnection(); Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage(text));
        }
    }

    private static String receive(ConnectionFactory factory, String queue) throws JMSException {
        try (Connection connection = factory.createConnection(); Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            Message message = consumer.receive(GatewayFixture.TIMEOUT.toMillis());
            assertThat(message).as("a message on " + queue).isInstanceOf(TextMessage.class);
            return ((TextMessage) message).getText();
        }
    }
}
