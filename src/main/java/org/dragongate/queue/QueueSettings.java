package org.dragongate.queue;

/**
 * Where the gateway's queues are and how they are consumed.
 *
 * @param brokerUrl    an external broker (e.g. {@code tcp://broker:61616}); null for the embedded one
 * @param user         for the external broker; null when it needs none
 * @param embeddedPort when set, the embedded broker also listens on 127.0.0.1 at this port, so other gateway processes can share it
 * @param consumers    messages processed at the same time by this instance
 */
public record QueueSettings(String brokerUrl, String user, String password, Integer embeddedPort, int consumers,
                            Redelivery redelivery) {
    public QueueSettings {
        if (consumers < 1) {
            throw new IllegalArgumentException("at least one queue consumer is needed, not " + consumers);
        }
    }

    public boolean embedded() {
        return brokerUrl == null;
    }
}
