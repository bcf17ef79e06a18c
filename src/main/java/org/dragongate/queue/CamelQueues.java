package org.dragongate.queue;

import org.apache.camel.LoggingLevel;
import org.apache.camel.Service;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsConfiguration;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import org.apache.camel.support.service.ServiceSupport;

/** The broker as Camel sees it: the {@code jms} component behind the routes' queue endpoints, and the broker's lifecycle. */
public final class CamelQueues {
    private CamelQueues() {
    }

    /**
     * Consumers are transacted with local JMS transactions: a message is acknowledged only when its
     * exchange completes (a refusal handled by quarantine counts as complete); an exchange that fails
     * rolls back and the broker delivers the message again later. Sends are persistent and return only
     * once the broker has the message on disk, so the routes release a package's source after it.
     */
    public static JmsComponent component(QueueBroker broker) {
        JmsConfiguration config = new JmsConfiguration();
        config.setConnectionFactory(broker.senders());
        config.setTemplateConnectionFactory(broker.senders());
        config.setListenerConnectionFactory(broker.consumers());
        config.setTransacted(true);
        // Local transactions on the consumer's own session; no Spring transaction manager, so each
        // consumer keeps its connection, session and consumer between messages.
        config.setLazyCreateTransactionManager(false);
        config.setCacheLevelName("CACHE_CONSUMER");
        config.setConcurrentConsumers(broker.settings().consumers());
        config.setMaxConcurrentConsumers(broker.settings().consumers());
        config.setDeliveryPersistent(true);
        // One-way messages only: a send never waits for a reply, and a consumer never sends one.
        config.setDisableReplyTo(true);
        // The route's error handling already logged the failure; the listener container need not repeat it.
        config.setErrorHandlerLoggingLevel(LoggingLevel.DEBUG);
        JmsComponent jms = new JmsComponent(config);
        // Only the body (the claim check) and its group travel: no other header of the intake exchange
        // (file or mail metadata) is copied into the broker's journal.
        JmsHeaderFilterStrategy headers = new JmsHeaderFilterStrategy();
        headers.setOutFilterPattern("(?!" + QueueNames.GROUP_HEADER + "$).*");
        jms.setHeaderFilterStrategy(headers);
        return jms;
    }

    /** Starts the broker before the routes start, and stops it after they stopped (Camel stops routes before services). */
    public static Service lifecycle(QueueBroker broker) {
        return new ServiceSupport() {
            @Override
            protected void doStart() throws Exception {
                broker.start();
            }

            @Override
            protected void doStop() throws Exception {
                broker.close();
            }
        };
    }
}
