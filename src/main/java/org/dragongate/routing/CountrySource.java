package org.dragongate.routing;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a notice names a country. The declaration order is the order of precedence in reasons:
 * a country that is both the destination and concerned reads {@code destination VN}.
 */
public enum CountrySource {
    /** The country of the route's destination UN/LOCODE. */
    DESTINATION,
    /** The notice's concernedCountries: the sender's own list of who should know. */
    CONCERNED,
    /** The country of a transit UN/LOCODE. */
    TRANSIT,
    /** The country of the route's origin UN/LOCODE; only when a rule asks for it. */
    ORIGIN,
    /** The country of a place (seizure, inspection, ...); only when a rule asks for it. */
    PLACE;

    /**
     * Where rules look when they do not say, and the countries that get their default contact
     * point. Origin and places are left out: the sender did not say the origin country should know.
     */
    public static final Set<CountrySource> STANDARD = Collections.unmodifiableSet(EnumSet.of(DESTINATION, CONCERNED, TRANSIT));

    /** The word used in routing.yaml and in reasons. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<CountrySource> ofWord(String word) {
        for (CountrySource source : values()) {
            if (source.word().equals(word)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
