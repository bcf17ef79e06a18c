package org.dragongate.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the attempts for one delivery until it is delivered, refused for good, or the retry policy
 * gives up; the last two end in the dead-letter store, so a delivery is never dropped. A thread is
 * held while it waits: run it on a pool sized for the contact points that may be down at once.
 */
public final class Deliverer {
    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

    private final DeliveryChannel channel;
    private final RetryPolicy policy;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public Deliverer(DeliveryChannel channel, RetryPolicy policy, DeadLetters deadLetters, Clock clock, Sleeper sleeper,
                     RandomGenerator random) {
        this.channel = channel;
        this.policy = policy;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * @throws InterruptedException when stopped while trying: the delivery is neither delivered nor
     *                              dead-lettered, so the caller must leave it where it came from (queue rollback)
     * @throws IOException          when the dead letter cannot be written, for the same reason
     */
    public DeliveryResult deliver(SealedDelivery delivery) throws InterruptedException, IOException {
        Instant first = clock.instant();
        for (int attempt = 1; ; attempt++) {
            DeliveryOutcome outcome = channel.send(delivery);
            RetryPolicy.Decision decision = policy.next(attempt, first, clock.instant(), outcome, random);
            if (decision instanceof RetryPolicy.Decision.Done) {
                LOG.info("delivered {} on attempt {}: {}", delivery.idempotencyKey(), attempt, outcome.reason());
                return new DeliveryResult.Delivered(attempt, ((DeliveryOutcome.Delivered) outcome).status());
            }
            if (decision instanceof RetryPolicy.Decision.GiveUp giveUp) {
                DeadLetter entry = deadLetters.add(delivery, attempt, giveUp.reason());
                LOG.warn("delivery {} dead-lettered as {}: {}", delivery.idempotencyKey(), entry.id(), giveUp.reason());
                return new DeliveryResult.DeadLettered(entry);
            }
            RetryPolicy.Decision.Retry retry = (RetryPolicy.Decision.Retry) decision;
            LOG.info("delivery {} attempt {} failed ({}); next attempt in {} ms", delivery.idempotencyKey(), attempt,
                    outcome.reason(), retry.delay().toMillis());
            sleeper.sleep(retry.delay());
        }
    }
}
