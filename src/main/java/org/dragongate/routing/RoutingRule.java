package org.dragongate.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dragongate.notice.Category;
import org.dragongate.notice.Notice;

/**
 * One rule of {@code config/routing.yaml}. A <em>country rule</em> matches a notice that names one
 * of its countries in one of its sources, if the notice's category is among its categories (none
 * listed: any). A <em>copy rule</em> ({@code copy}) matches by category, and by country only when it
 * lists countries; it adds recipients but never counts as a country's specific rule, so the
 * country's default still applies beside it.
 *
 * @param countries  ISO 3166-1 alpha-2 codes; empty only for a copy rule (then any country)
 * @param sources    where in the notice the countries are looked for
 * @param categories the notice categories it applies to; empty means any
 */
public record RoutingRule(
        boolean copy,
        Set<String> countries,
        Set<CountrySource> sources,
        Set<Category> categories,
        List<ContactPoint> contactPoints) {

    /**
     * What matched a notice.
     *
     * @param reason    the reason text, e.g. {@code category WILDLIFE, destination VN}
     * @param countries the countries the rule matched through
     */
    record Match(String reason, Set<String> countries) {
    }

    public RoutingRule {
        countries = Collections.unmodifiableSet(new LinkedHashSet<>(countries));
        sources = Collections.unmodifiableSet(sources.isEmpty() ? EnumSet.noneOf(CountrySource.class) : EnumSet.copyOf(sources));
        categories = Collections.unmodifiableSet(categories.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(categories));
        contactPoints = List.copyOf(contactPoints);
        if (!copy && countries.isEmpty()) {
            throw new IllegalArgumentException("a country rule needs countries; a copy rule routes by category alone");
        }
        if (!countries.isEmpty() && sources.isEmpty()) {
            throw new IllegalArgumentException("countries need sources to be looked for in");
        }
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("a rule names at least one contact point");
        }
    }

    Optional<Match> match(Notice notice, NoticeCountries named) {
        if (!categories.isEmpty() && !categories.contains(notice.category())) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (copy) {
            parts.add("copy rule, every " + (categories.isEmpty() ? "" : categoryWords() + " ") + "notice");
        } else if (!categories.isEmpty()) {
            parts.add("category " + notice.category());
        }
        Set<String> matched = new LinkedHashSet<>();
        if (!countries.isEmpty()) {
            for (String country : named.in(sources)) {
                if (countries.contains(country)) {
                    matched.add(country);
                    parts.add(named.firstSource(country, sources).orElseThrow().word() + " " + country);
                }
            }
            if (matched.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Match(String.join(", ", parts), matched));
    }

    private String categoryWords() {
        return categories.stream().map(Category::name).collect(Collectors.joining(" or "));
    }
}
