package org.dragongate.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try a delivery again. Exponential backoff with full jitter: after attempt n the wait is
 * uniform in [0, min(cap, base * factor^(n-1))], so contact points coming back from an outage are
 * not hit by every gateway retry at once; never shorter than the server's Retry-After. No attempt
 * starts after {@code firstAttempt + limit}: a wait that would cross it is shortened to a last
 * attempt at the limit, and after that (or when Retry-After points past it) the delivery gives up.
 *
 * <p>A pure function of its arguments, so a scheduler, a blocking loop or a test can all use it.
 */
public record RetryPolicy(Duration base, double factor, Duration cap, Duration limit) {
    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(limit, "limit");
        if (base.isNegative() || base.isZero() || factor < 1 || cap.compareTo(base) < 0 || limit.isNegative()) {
            throw new IllegalArgumentException("retry policy needs base > 0, factor >= 1, cap >= base, limit >= 0");
        }
    }

    /** Base 1 s, factor 2, cap 1 h, give up after 24 h. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofHours(1), Duration.ofHours(24));
    }

    public RetryPolicy withLimit(Duration newLimit) {
        return new RetryPolicy(base, factor, cap, newLimit);
    }

    /** What to do after an attempt. */
    public sealed interface Decision {
        /** Delivered: nothing more to do. */
        record Done() implements Decision {
        }

        /** Wait this long, then try again. */
        record Retry(Duration delay) implements Decision {
        }

        /** Stop and dead-letter; the reason says why, for the entry and the admin. */
        record GiveUp(String reason) implements Decision {
        }
    }

    /**
     * @param attempt      the attempt that produced {@code outcome}, 1 for the first
     * @param firstAttempt when attempt 1 started: the limit counts from there
     */
    public Decision next(int attempt, Instant firstAttempt, Instant now, DeliveryOutcome outcome, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        if (outcome instanceof DeliveryOutcome.Delivered) {
            return new Decision.Done();
        }
        if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            return new Decision.GiveUp("rejected for good: " + rejected.reason());
        }
        DeliveryOutcome.RetryLater retry = (DeliveryOutcome.RetryLater) outcome;
        Instant deadline = firstAttempt.plus(limit);
        String tried = attempts(attempt) + " over " + Duration.between(firstAttempt, now).toSeconds() + " s, last: " + retry.reason();
        Duration askedFor = retry.retryAfter() == null ? Duration.ZERO : retry.retryAfter();
        if (!now.isBefore(deadline) || now.plus(askedFor).isAfter(deadline)) {
            return new Decision.GiveUp("gave up after " + tried);
        }
        Duration wait = max(jitter(attempt, random), askedFor);
        if (now.plus(wait).isAfter(deadline)) {
            wait = Duration.between(now, deadline);
        }
        return new Decision.Retry(wait);
    }

    /** The upper bound of the wait after this attempt: base * factor^(attempt-1), capped. */
    public Duration ceiling(int attempt) {
        double millis = base.toMillis() * Math.pow(factor, attempt - 1.0);
        return millis >= cap.toMillis() ? cap : Duration.ofMillis((long) millis);
    }

    private Duration jitter(int attempt, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(ceiling(attempt).toMillis() + 1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String attempts(int n) {
        return n == 1 ? "1 attempt" : n + " attempts";
    }
}
