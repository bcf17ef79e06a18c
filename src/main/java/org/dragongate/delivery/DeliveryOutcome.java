package org.dragongate.delivery;

import java.time.Duration;

/**
 * What one delivery attempt came to. Reasons are short status lines ("HTTP 503", "timeout"),
 * never response bodies or notice content, so they can go to logs and dead-letter entries.
 */
public sealed interface DeliveryOutcome {
    String reason();

    /** The contact point took it (2xx). */
    /** @param status the HTTP status, or 0 for transports without one (SFTP, mail) */
    record Delivered(int status) implements DeliveryOutcome {
        @Override
        public String reason() {
            return status == 0 ? "delivered" : "HTTP " + status;
        }
    }

    /**
     * Worth trying again: 5xx, 408, 429, timeouts, refused or reset connections.
     *
     * @param retryAfter what the server asked for (Retry-After), or null
     */
    record RetryLater(String reason, Duration retryAfter) implements DeliveryOutcome {
    }

    /** The contact point refused it for good (4xx other than 408 and 429): retrying would not help. */
    record Rejected(int status, String reason) implements DeliveryOutcome {
    }
}
