package org.dragongate.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * When a certificate may be used, as the administrator sets it; a bound left null is the
 * certificate's own (not before / not after).
 */
public record UseWindow(Instant from, Instant until) {
    public static final UseWindow VALIDITY = new UseWindow(null, null);

    /** A date ({@code 2026-12-01}, midnight UTC) or an instant ({@code 2026-12-01T08:00:00Z}); null stays null. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.contains("T") ? Instant.parse(text.strip()) : LocalDate.parse(text.strip()).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new DirectoryException(DirectoryException.Problem.INVALID_INPUT,
                    "'" + text + "' is not a date (2026-12-01) or a UTC time (2026-12-01T08:00:00Z)");
        }
    }
}
