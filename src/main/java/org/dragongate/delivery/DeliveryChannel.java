package org.dragongate.delivery;

/** One attempt to hand a sealed delivery to its contact point (HTTP today; SFTP and mail fit the same shape). */
@FunctionalInterface
public interface DeliveryChannel {
    /** Never throws for a network failure: that is an outcome. Interruption is passed on so a shutdown stops retrying. */
    DeliveryOutcome send(SealedDelivery delivery) throws InterruptedException;
}
