package org.dragongate.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.dragongate.store.DeliveryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the due deliveries, one attempt each per claim: it claims a batch of due deliveries in the
 * shared store for a lease (so another instance does not attempt them meanwhile), sends each, and
 * records the outcome: delivered, rescheduled by the retry policy, or, past its limit or on a
 * permanent refusal, dead. Between runs nothing is held in memory; a delivery claimed by an instance
 * that died is taken over once its lease lapses.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Batches one run may claim, so a run ends even when retries keep falling due at once. */
    private static final int MAX_BATCHES_PER_RUN = 20;

    /**
     * How this worker claims.
     *
     * @param instanceId this gateway instance, the claims' owner
     * @param batch      deliveries claimed at once
     * @param lease      how long a claim lasts: longer than a batch of attempts can take, so a live
     *                   instance never loses a claim it is working on
     */
    public record Claiming(String instanceId, int batch, Duration lease) {
        public Claiming {
            if (batch < 1 || lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("claim at least one delivery for a positive lease");
            }
        }
    }

    private final DeliveryStore store;
    private final Claiming claiming;
    private final Function<String, DeliveryTarget> targets;
    private final DeliveryChannel channel;
    private final RetryPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private boolean started;

    public DeliveryWorker(DeliveryStore store, Claiming claiming, Function<String, DeliveryTarget> targets, DeliveryChannel channel,
                          RetryPolicy policy, Clock clock, RandomGenerator random) {
        this.store = store;
        this.claiming = claiming;
        this.targets = targets;
        this.channel = channel;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    /** @return how many deliveries were attempted */
    public synchronized int runDue() throws SQLException, InterruptedException {
        if (!started) {
            // Claims under this instance's id are an earlier run's, cut off by a crash: without this
            // they would wait for their lease to lapse.
            int released = store.releaseClaimsOf(claiming.instanceId());
            if (released > 0) {
                LOG.warn("{} delivery claim(s) left by an earlier run of {} released", released, claiming.instanceId());
            }
            started = true;
        }
        int attempted = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            List<DeliveryStore.Claim> claims = store.claimDue(claiming.instanceId(), clock.instant(), claiming.lease(), claiming.batch());
            for (DeliveryStore.Claim claim : claims) {
                attempt(claim);
                attempted++;
            }
            if (claims.size() < claiming.batch()) {
                break;
            }
        }
        return attempted;
    }

    private void attempt(DeliveryStore.Claim claim) throws SQLException, InterruptedException {
        Instant now = clock.instant();
        int attempt = claim.attempts() + 1;
        DeliveryOutcome outcome = send(claim);
        Instant first = claim.firstAttemptAt() == null ? now : claim.firstAttemptAt();
        RetryPolicy.Decision decision = policy.next(attempt, first, now, outcome, random);
        if (decision instanceof RetryPolicy.Decision.Done) {
            if (store.delivered(claim, now, outcome.reason())) {
                LOG.info("notice {} delivered to {} ({}, attempt {})", claim.noticeId(), claim.contactPointId(), outcome.reason(), attempt);
            }
        } else if (decision instanceof RetryPolicy.Decision.Retry retry) {
            if (store.retry(claim, now, now.plus(retry.delay()), outcome.reason())) {
                LOG.warn("notice {} to {}: {}; attempt {} failed, next in {}", claim.noticeId(), claim.contactPointId(), outcome.reason(),
                        attempt, retry.delay());
            }
        } else if (decision instanceof RetryPolicy.Decision.GiveUp giveUp) {
            if (store.dead(claim, now, giveUp.reason())) {
                LOG.error("notice {} to {} dead-lettered as {} after {} attempt(s): {}", claim.noticeId(), claim.contactPointId(),
                        claim.deliveryKey(), attempt, giveUp.reason());
            }
        }
    }

    /** A contact point missing from the directory, or an endpoint it no longer accepts, is a failed attempt like any other. */
    private DeliveryOutcome send(DeliveryStore.Claim claim) throws InterruptedException {
        SealedDelivery delivery;
        try {
            delivery = new SealedDelivery(claim.noticeId(), targets.apply(claim.contactPointId()), claim.sealed());
        } catch (RuntimeException e) {
            return new DeliveryOutcome.RetryLater("cannot deliver to " + claim.contactPointId() + ": " + e.getMessage(), null);
        }
        return channel.send(delivery);
    }

    /** Closes the channel's kept connections; called when the gateway stops, after the last run. */
    @Override
    public synchronized void close() {
        channel.close();
    }
}
