package org.dragongate.routing;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dragongate.notice.Notice;
import org.dragongate.notice.Place;
import org.dragongate.notice.Route;

/** The countries a notice names, by where it names them, each in the notice's order. */
record NoticeCountries(Map<CountrySource, Set<String>> bySource) {

    static NoticeCountries of(Notice notice) {
        Map<CountrySource, Set<String>> bySource = new EnumMap<>(CountrySource.class);
        for (CountrySource source : CountrySource.values()) {
            bySource.put(source, new LinkedHashSet<>());
        }
        Route route = notice.route();
        if (route != null) {
            addLocode(bySource.get(CountrySource.DESTINATION), route.destination());
            route.transits().forEach(transit -> addLocode(bySource.get(CountrySource.TRANSIT), transit));
            addLocode(bySource.get(CountrySource.ORIGIN), route.origin());
        }
        notice.concernedCountries().forEach(country -> add(bySource.get(CountrySource.CONCERNED), country));
        for (Place place : notice.places()) {
            add(bySource.get(CountrySource.PLACE), place.country());
            addLocode(bySource.get(CountrySource.PLACE), place.locode());
        }
        return new NoticeCountries(bySource);
    }

    /** The countries named in any of {@code sources}, in precedence order, each once. */
    Set<String> in(Collection<CountrySource> sources) {
        Set<String> countries = new LinkedHashSet<>();
        for (CountrySource source : CountrySource.values()) {
            if (sources.contains(source)) {
                countries.addAll(bySource.get(source));
            }
        }
        return countries;
    }

    /** The first of {@code sources}, in precedence order, that names {@code country}. */
    Optional<CountrySource> firstSource(String country, Collection<CountrySource> sources) {
        for (CountrySource source : CountrySource.values()) {
            if (sources.contains(source) && bySource.get(source).contains(country)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    /** For messages: {@code destination VN, concerned VN MY, transit MY}; sources that name nothing are left out. */
    String describe() {
        StringBuilder text = new StringBuilder();
        bySource.forEach((source, countries) -> {
            if (!countries.isEmpty()) {
                text.append(text.isEmpty() ? "" : ", ").append(source.word()).append(' ').append(String.join(" ", countries));
            }
        });
        return text.isEmpty() ? "no country at all" : text.toString();
    }

    // The country of a UN/LOCODE is its first two letters (the converter has checked they are an assigned code).
    private static void addLocode(Set<String> countries, String locode) {
        if (locode != null && locode.length() >= 2) {
            add(countries, locode.substring(0, 2));
        }
    }

    private static void add(Set<String> countries, String country) {
        if (country != null && !country.isBlank()) {
            countries.add(country.trim().toUpperCase(Locale.ROOT));
        }
    }
}
