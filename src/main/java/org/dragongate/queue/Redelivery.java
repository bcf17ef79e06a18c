package org.dragongate.queue;

import java.time.Duration;

/**
 * How the broker retries a message whose processing failed (the consumer's transaction rolled
 * back): after {@code firstDelay}, then twice as long each time up to {@code maxDelay}; after
 * {@code maxAttempts} deliveries it moves the message to {@link QueueNames#FAILED}.
 */
public record Redelivery(int maxAttempts, Duration firstDelay, Duration maxDelay) {
    /** Each further delay is this many times the one before. */
    public static final double BACKOFF = 2.0;

    public Redelivery {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one delivery attempt is needed, not " + maxAttempts);
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("redelivery delays must satisfy 0 <= first <= max: " + firstDelay + ", " + maxDelay);
        }
    }

    /** Delays from {@code firstDelay}, doubling up to five minutes. */
    public static Redelivery of(int maxAttempts, Duration firstDelay) {
        Duration max = Duration.ofMinutes(5);
        return new Redelivery(maxAttempts, firstDelay, firstDelay.compareTo(max) > 0 ? firstDelay : max);
    }
}
