package org.dragongate.queue;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The broker the gateway's queues live on: the embedded one (started and stopped here, journal in
 * {@code brokerDir}) unless the settings name an external broker by URL. Hands out the connection
 * factories for consuming and for sending; nothing connects before {@link #start}.
 */
public final class QueueBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueBroker.class);

    private final QueueSettings settings;
    private final Path brokerDir;
    private final String url;
    private static final long CONNECTION_TTL_MS = 10_000;

    private final ActiveMQConnectionFactory factory;
    private final CachingConnectionFactory senders;
    private EmbeddedBroker embedded;

    public QueueBroker(QueueSettings settings, Path brokerDir) {
        this.settings = settings;
        this.brokerDir = brokerDir;
        this.url = settings.embedded() ? EmbeddedBroker.nextInVmUrl() : settings.brokerUrl();
        this.factory = new ActiveMQConnectionFactory(url, settings.user(), settings.password());
        // No prefetch: a consumer takes the next message only when it is free, so the consumers of every
        // instance sharing the broker get work as they can take it, and a busy one hoards nothing.
        factory.setConsumerWindowSize(0);
        // A persistent send returns only once the broker has written the message to its journal (the default, made explicit).
        factory.setBlockOnDurableSend(true);
        // An instance that dies holding messages: the broker gives them to the others once this connection
        // has been silent for the TTL (10 s instead of 60 s); the client pings at a third of it.
        factory.setConnectionTTL(CONNECTION_TTL_MS);
        factory.setClientFailureCheckPeriod(CONNECTION_TTL_MS / 3);
        // Sends reuse one connection instead of opening one per message; consumers keep their own (the listener container caches them).
        this.senders = new CachingConnectionFactory(factory);
        senders.setReconnectOnException(true);
    }

    public QueueSettings settings() {
        return settings;
    }

    /** Starts the embedded broker, if the queues are on it. */
    public synchronized void start() throws Exception {
        if (settings.embedded() && embedded == null) {
            embedded = EmbeddedBroker.start(brokerDir, url, settings.embeddedPort(), settings.redelivery());
        } else if (!settings.embedded()) {
            // The URL's options (after '?') may carry credentials: left out.
            LOG.info("queues on the external broker {}; its address settings decide redelivery and the dead-letter queue",
                    url.replaceFirst("\\?.*", ""));
        }
    }

    /** For the consumers: one connection per listener container, no prefetch. */
    public ConnectionFactory consumers() {
        return factory;
    }

    /** For sending: one shared connection, its sessions cached. */
    public ConnectionFactory senders() {
        return senders;
    }

    /** The embedded broker while it runs; null with an external broker. */
    public synchronized EmbeddedBroker embedded() {
        return embedded;
    }

    /** Closes the connections, then stops the embedded broker; call it after the consumers and senders stopped. */
    @Override
    public synchronized void close() {
        try {
            senders.destroy();
            factory.close();
        } finally {
            if (embedded != null) {
                embedded.close();
                embedded = null;
            }
        }
    }
}
