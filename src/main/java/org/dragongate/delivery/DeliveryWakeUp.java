package org.dragongate.delivery;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Starts the delivery worker's next run as soon as this instance queued deliveries, instead of at its
 * next poll: without it every delivery waited half a poll period on average. The poll stays, for
 * retries falling due and for deliveries other instances queued. A wake-up during a run is kept, so
 * the run after it finds what was queued meanwhile.
 */
public final class DeliveryWakeUp {
    private final Duration pollPeriod;
    private final Semaphore queued = new Semaphore(0);

    public DeliveryWakeUp(Duration pollPeriod) {
        this.pollPeriod = pollPeriod;
    }

    /** Deliveries were queued (their transaction committed). */
    public void wake() {
        // At most one pending wake-up: a burst of them starts one run, which claims them all.
        if (queued.availablePermits() == 0) {
            queued.release();
        }
    }

    /** Returns when woken, or after the poll period; @return whether it was woken. */
    public boolean awaitWork() throws InterruptedException {
        boolean woken = queued.tryAcquire(pollPeriod.toNanos(), TimeUnit.NANOSECONDS);
        queued.drainPermits();
        return woken;
    }
}
