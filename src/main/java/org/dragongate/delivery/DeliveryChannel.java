package org.dragongate.delivery;

/** One attempt to hand a sealed delivery to its contact point (HTTP today; SFTP and mail fit the same shape). */
@FunctionalInterface
public interface DeliveryChannel extends AutoCloseable {
    /** Never throws for a network failure: that is an outcome. Interruption is passed on so a shutdown stops retrying. */
    DeliveryOutcome send(SealedDelivery delivery) throws InterruptedException;

    /** Releases what the channel keeps open between sends (connections, sessions); most keep nothing. */
    @Override
    default void close() {
    }
}
