package org.dragongate.queue;

import org.dragongate.intake.ReceivedPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what becomes of a queued package whose processing failed for a reason that is not the
 * package's fault (a full disk, a database outage, a bug): its transaction rolls back, and the
 * broker delivers the message again later, or, after the last attempt, moves it to
 * {@value QueueNames#FAILED}, where it waits for an administrator. Nothing is lost either way.
 * The line names the package and the reason, never its content.
 */
public final class FailedDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(FailedDeliveries.class);

    private final int maxAttempts;

    /** @param maxAttempts the broker's setting; an external broker is expected to use the same */
    public FailedDeliveries(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /**
     * @param attempt  the broker's delivery count (1 for the first delivery); null if the broker did not say
     * @param received the package, or null when the message itself could not be read
     */
    public void failed(Integer attempt, Throwable cause, ReceivedPackage received) {
        String line = describe(attempt, cause, received);
        if (isLast(attempt)) {
            LOG.error(line, cause);
        } else {
            LOG.warn(line, cause);
        }
    }

    String describe(Integer attempt, Throwable cause, ReceivedPackage received) {
        String what = received == null ? "a message on " + QueueNames.RECEIVED : "package " + received.shortId() + " from " + received.channel();
        String which = attempt == null ? "an attempt" : "attempt " + attempt + " of " + maxAttempts;
        String reason = cause == null ? "no reason given" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String next = isLast(attempt)
                ? "that was the last: the broker moves it to " + QueueNames.FAILED + ", where it waits for an administrator"
                : "the broker delivers it again later";
        return what + ": " + which + " failed (" + reason + "); " + next;
    }

    private boolean isLast(Integer attempt) {
        return attempt != null && attempt >= maxAttempts;
    }
}
