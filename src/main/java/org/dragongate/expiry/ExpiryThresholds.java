package org.dragongate.expiry;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * When a certificate's owner must be warned: on the day it is 30, 14, 7 and 1 days from its not-after.
 * A threshold of N days is crossed once no more than N days are left, to the second; a certificate is
 * expired from its not-after on (X.509 validity includes the not-after second, but the watch would
 * rather be a second early than late). Only the nearest crossed threshold counts, so a certificate
 * first seen with 5 days left is warned about once, for 7 days, not for 30, 14 and 7 at once.
 */
public final class ExpiryThresholds {
    public static final List<Integer> DEFAULT_DAYS = List.of(30, 14, 7, 1);
    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private final List<Integer> ascending;

    public ExpiryThresholds(List<Integer> days) {
        if (days.isEmpty() || days.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("warning thresholds are whole days, 1 or more: " + days);
        }
        this.ascending = days.stream().distinct().sorted(Comparator.naturalOrder()).toList();
    }

    public static ExpiryThresholds defaults() {
        return new ExpiryThresholds(DEFAULT_DAYS);
    }

    /** The longest threshold: a certificate with more days left than this is OK. */
    public int longest() {
        return ascending.get(ascending.size() - 1);
    }

    public ExpiryStatus status(WatchedCertificate certificate, Instant now) {
        long secondsLeft = Duration.between(now, certificate.notAfter()).toSeconds();
        long daysLeft = Math.floorDiv(secondsLeft, SECONDS_PER_DAY);
        if (secondsLeft <= 0) {
            return new ExpiryStatus(certificate, daysLeft, ExpiryStatus.State.EXPIRED, null);
        }
        for (int threshold : ascending) {
            if (secondsLeft <= threshold * SECONDS_PER_DAY) {
                return new ExpiryStatus(certificate, daysLeft, ExpiryStatus.State.WARNING, threshold);
            }
        }
        return new ExpiryStatus(certificate, daysLeft, ExpiryStatus.State.OK, null);
    }
}
