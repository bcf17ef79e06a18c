package org.dragongate.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing configuration: country rules and copy rules in file order, and one default contact
 * point per country. Loaded by {@link RoutingRulesFile}; every contact point in it is resolved and
 * checked against the directory at load.
 *
 * @param source   where the rules came from (the file), named in refusals so an admin knows what to edit
 * @param defaults country (ISO 3166-1 alpha-2) to the contact point that gets the country's notices no rule covers
 */
public record RoutingRules(String source, List<RoutingRule> rules, Map<String, ContactPoint> defaults) {
    public RoutingRules {
        rules = List.copyOf(rules);
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }
}
