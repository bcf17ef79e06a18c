package org.dragongate.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dragongate.delivery.Sleeper;

/** A clock that only moves when the sleeper "sleeps" (or a test advances it), so a 24-hour retry schedule runs in milliseconds. */
public final class FakeTime extends Clock implements Sleeper {
    public static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

    private final Instant start;
    private Instant now;
    private final List<Duration> waits = new ArrayList<>();

    public FakeTime() {
        this(START);
    }

    /** Time from {@code start}, for tests whose subject is relative to the real date (certificates made now). */
    public FakeTime(Instant start) {
        this.start = start;
        this.now = start;
    }

    /** Jumps to {@code instant}, for tests that look at a moment rather than at waits. */
    public synchronized void set(Instant instant) {
        now = instant;
    }

    @Override
    public synchronized void sleep(Duration wait) {
        waits.add(wait);
        now = now.plus(wait);
    }

    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    public synchronized Duration elapsed() {
        return Duration.between(start, now);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    /** Jitter that always draws the top of its range, so waits are exactly the backoff ceilings and countable by hand. */
    public static RandomGenerator topOfRange() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return -1L;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
    }
}
