package org.dragongate.delivery;

import java.net.URI;
import java.time.Instant;

/**
 * A delivery that did not get through, kept for an administrator beside its sealed bytes.
 *
 * @param endpoint      where it was last sent (not a secret: credentials never sit in the URL)
 * @param attempts      every attempt so far, re-drives included
 * @param lastReason    a short status line, never response or notice content
 * @param lastAttemptAt when the last attempt (or re-drive) failed
 */
public record DeadLetter(String id, String noticeId, String contactPointId, URI endpoint, int attempts, String lastReason,
                         Instant deadLetteredAt, Instant lastAttemptAt) {
    DeadLetter afterAttempt(String reason, Instant at) {
        return new DeadLetter(id, noticeId, contactPointId, endpoint, attempts + 1, reason, deadLetteredAt, at);
    }
}
