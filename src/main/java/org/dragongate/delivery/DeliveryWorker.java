package org.dragongate.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the outbox's due deliveries, one attempt each per run: delivered ones leave the outbox,
 * failed ones are rescheduled by the retry policy or, past its limit or on a permanent refusal, go
 * to the dead letters. Between runs nothing is held in memory, so a restart picks up where it was.
 */
public final class DeliveryWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Outbox outbox;
    private final Function<String, DeliveryTarget> targets;
    private final DeliveryChannel channel;
    private final RetryPolicy policy;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final RandomGenerator random;

    public DeliveryWorker(Outbox outbox, Function<String, DeliveryTarget> targets, DeliveryChannel channel, RetryPolicy policy,
                          DeadLetters deadLetters, Clock clock, RandomGenerator random) {
        this.outbox = outbox;
        this.targets = targets;
        this.channel = channel;
        this.policy = policy;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.random = random;
    }

    /** @return how many due deliveries were attempted */
    public synchronized int runDue() throws IOException, InterruptedException {
        int attempted = 0;
        for (OutboxJob job : outbox.due(clock.instant())) {
            attempt(job);
            attempted++;
        }
        return attempted;
    }

    private void attempt(OutboxJob job) throws IOException, InterruptedException {
        SealedDelivery delivery = new SealedDelivery(job.noticeId(), targets.apply(job.contactPointId()), outbox.sealedBytes(job));
        Instant now = clock.instant();
        DeliveryOutcome outcome = channel.send(delivery);
        Instant first = job.firstAttemptAt() == null ? now : job.firstAttemptAt();
        RetryPolicy.Decision decision = policy.next(job.attempts() + 1, first, now, outcome, random);
        if (decision instanceof RetryPolicy.Decision.Done) {
            outbox.delivered(job.attempted(now, now, outcome.reason()));
            LOG.info("notice {} delivered to {} ({}, attempt {})", job.noticeId(), job.contactPointId(), outcome.reason(), job.attempts() + 1);
        } else if (decision instanceof RetryPolicy.Decision.Retry retry) {
            outbox.update(job.attempted(now, now.plus(retry.delay()), outcome.reason()));
            LOG.warn("notice {} to {}: {}; attempt {} failed, next in {}", job.noticeId(), job.contactPointId(), outcome.reason(),
                    job.attempts() + 1, retry.delay());
        } else if (decision instanceof RetryPolicy.Decision.GiveUp giveUp) {
            DeadLetter dead = deadLetters.add(delivery, job.attempts() + 1, giveUp.reason());
            outbox.remove(job);
            LOG.error("notice {} to {} dead-lettered as {} after {} attempt(s): {}", job.noticeId(), job.contactPointId(), dead.id(),
                    job.attempts() + 1, giveUp.reason());
        }
    }
}
