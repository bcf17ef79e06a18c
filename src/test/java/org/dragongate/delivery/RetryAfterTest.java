package org.dragongate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Retry-After comes in two forms (RFC 9110): servers under load use both. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void readsAnHttpDateAsTheTimeFromNow() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 08:02:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void anUnreadableValueIsIgnored() {
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
    }

    /** A hostile or broken server must not overflow the wait into a negative one. */
    @Test
    void aHugeNumberStaysAHugeWait() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isGreaterThan(Duration.ofDays(365));
    }
}
