package org.dragongate.delivery;

import java.time.Instant;

/**
 * One notice waiting to reach one contact point, as kept on disk in the outbox.
 *
 * @param firstAttemptAt null until the first attempt; the retry limit counts from it
 */
public record OutboxJob(String key, String noticeId, String contactPointId, int attempts, Instant firstAttemptAt,
                        Instant nextAttemptAt, String lastReason) {

    OutboxJob attempted(Instant at, Instant next, String reason) {
        return new OutboxJob(key, noticeId, contactPointId, attempts + 1, firstAttemptAt == null ? at : firstAttemptAt, next, reason);
    }
}
