package org.dragongate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.dragongate.delivery.DeliveryOutcome.Delivered;
import org.dragongate.delivery.DeliveryOutcome.Rejected;
import org.dragongate.delivery.DeliveryOutcome.RetryLater;
import org.dragongate.delivery.RetryPolicy.Decision;
import org.dragongate.testing.FakeTime;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant T0 = FakeTime.START;
    private static final RetryLater UNAVAILABLE = new RetryLater("HTTP 503", null);

    private final RetryPolicy policy = RetryPolicy.defaults();

    @Test
    void backoffCeilingDoublesFromOneSecondAndStopsAtOneHour() {
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceiling(12)).isEqualTo(Duration.ofSeconds(2048));
        assertThat(policy.ceiling(13)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.ceiling(10_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void everyWaitLiesBetweenZeroAndTheCeilingOfItsAttempt() {
        Random random = new Random(7);
        for (int attempt = 1; attempt <= 20; attempt++) {
            for (int draw = 0; draw < 200; draw++) {
                Duration wait = retryDelay(policy.next(attempt, T0, T0.plusSeconds(attempt), UNAVAILABLE, random));
                assertThat(wait).isBetween(Duration.ZERO, policy.ceiling(attempt));
            }
        }
    }

    /** Full jitter, not "half the ceiling plus jitter": gateways retrying after one outage must spread over the whole range. */
    @Test
    void jitterSpreadsWaitsOverTheWholeRange() {
        Random random = new Random(11);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int draw = 0; draw < 1000; draw++) {
            long millis = retryDelay(policy.next(10, T0, T0, UNAVAILABLE, random)).toMillis();
            min = Math.min(min, millis);
            max = Math.max(max, millis);
        }
        long ceiling = policy.ceiling(10).toMillis();
        assertThat(min).isLessThan(ceiling / 10);
        assertThat(max).isGreaterThan(ceiling * 9 / 10);
    }

    @Test
    void neverRetriesEarlierThanRetryAfter() {
        Random random = new Random(3);
        for (int draw = 0; draw < 100; draw++) {
            Decision decision = policy.next(1, T0, T0, new RetryLater("HTTP 429", Duration.ofSeconds(30)), random);
            assertThat(retryDelay(decision)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    /** Waiting out a Retry-After beyond the limit would only delay the dead letter the admin needs to see. */
    @Test
    void givesUpWhenRetryAfterPointsPastTheLimit() {
        Decision decision = policy.next(3, T0, T0.plus(Duration.ofHours(23)), new RetryLater("HTTP 503", Duration.ofHours(2)),
                new Random(1));

        assertThat(decision).isInstanceOf(Decision.GiveUp.class);
        assertThat(((Decision.GiveUp) decision).reason()).contains("3 attempts").contains("HTTP 503");
    }

    @Test
    void aWaitThatWouldCrossTheLimitBecomesALastAttemptAtTheLimit() {
        Instant now = T0.plus(Duration.ofHours(24)).minusSeconds(90);

        Decision decision = policy.next(30, T0, now, UNAVAILABLE, FakeTime.topOfRange());

        assertThat(retryDelay(decision)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void givesUpOnceTheLimitHasBeenReached() {
        Decision decision = policy.next(36, T0, T0.plus(Duration.ofHours(24)), UNAVAILABLE, new Random(1));

        assertThat(decision).isInstanceOf(Decision.GiveUp.class);
    }

    @Test
    void aPermanentRejectionGivesUpAtOnce() {
        Decision decision = policy.next(1, T0, T0, new Rejected(400, "HTTP 400"), new Random(1));

        assertThat(decision).isInstanceOf(Decision.GiveUp.class);
        assertThat(((Decision.GiveUp) decision).reason()).contains("HTTP 400");
    }

    @Test
    void aDeliveryIsDone() {
        assertThat(policy.next(4, T0, T0, new Delivered(201), new Random(1))).isInstanceOf(Decision.Done.class);
    }

    /**
     * The default schedule, counted by hand with every wait at its ceiling: attempts at 0, 1, 3, ... 4095 s
     * (13 attempts, waits 1 s to 2048 s), then every hour from 7695 s to 83295 s (22 more), then a last one
     * at exactly 24 h: 36 attempts. The WireMock give-up test relies on the same count.
     */
    @Test
    void defaultPolicyMakesThirtySixAttemptsInTwentyFourHoursAtWorstCaseJitter() {
        FakeTime time = new FakeTime();
        int attempt = 1;
        Decision decision;
        while ((decision = policy.next(attempt, T0, time.instant(), UNAVAILABLE, FakeTime.topOfRange()))
                instanceof Decision.Retry retry) {
            time.sleep(retry.delay());
            attempt++;
        }

        assertThat(decision).isInstanceOf(Decision.GiveUp.class);
        assertThat(attempt).isEqualTo(36);
        assertThat(time.elapsed()).isEqualTo(Duration.ofHours(24));
    }

    private static Duration retryDelay(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Retry.class);
        return ((Decision.Retry) decision).delay();
    }
}
