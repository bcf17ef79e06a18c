package org.dragongate.expiry;

import java.time.Instant;

/**
 * Where a certificate stands: OK, WARNING (inside a warning threshold) or EXPIRED.
 *
 * @param daysLeft      whole days until not-after, rounded down (negative once expired)
 * @param thresholdDays the warning threshold crossed (30, 14, 7, 1) when WARNING; null otherwise
 */
public record ExpiryStatus(WatchedCertificate certificate, long daysLeft, State state, Integer thresholdDays) {
    /** How close to its end a certificate is. */
    public enum State {
        OK, WARNING, EXPIRED
    }

    /** The threshold under which an expired certificate's one report is recorded. */
    static final int EXPIRED_THRESHOLD = 0;

    public OwnerKind ownerKind() {
        return certificate.ownerKind();
    }

    public String ownerId() {
        return certificate.ownerId();
    }

    public String purpose() {
        return certificate.purpose();
    }

    public String sha256() {
        return certificate.sha256();
    }

    public String subject() {
        return certificate.subject();
    }

    public Instant notAfter() {
        return certificate.notAfter();
    }

    /** Whether administrators are to be told (once): a threshold crossed, or expired. */
    public boolean needsWarning() {
        return state != State.OK;
    }

    /** The warning this status calls for, as recorded once per certificate: the threshold, or 0 for expired. */
    int warningThreshold() {
        return state == State.EXPIRED ? EXPIRED_THRESHOLD : thresholdDays;
    }

    /** "expires in 10 days (14-day warning)" or "EXPIRED on 2025-03-01T08:00:00Z": the heart of the log line and the mail. */
    public String summary() {
        return switch (state) {
            case OK -> "expires in " + days(daysLeft);
            case WARNING -> "expires in " + days(daysLeft) + " (" + thresholdDays + "-day warning)";
            case EXPIRED -> "EXPIRED on " + notAfter();
        };
    }

    private static String days(long days) {
        return days == 0 ? "less than a day" : days == 1 ? "1 day" : days + " days";
    }
}
