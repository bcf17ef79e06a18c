package org.dragongate.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} value: delay seconds or an HTTP-date (RFC 9110 section 10.2.3). */
final class RetryAfter {
    /** Longer than any retry limit: a bigger number is as good as "never" and must not overflow. */
    private static final int MAX_DIGITS = 9;

    private RetryAfter() {
    }

    /** @return the wait from {@code now}, zero for a date in the past, or null when absent or unreadable */
    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            return text.length() > MAX_DIGITS ? Duration.ofSeconds(999_999_999L) : Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            Duration wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
