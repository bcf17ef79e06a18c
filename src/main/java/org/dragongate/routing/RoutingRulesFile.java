package org.dragongate.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dragongate.notice.Category;

/**
 * Reads {@code config/routing.yaml}: {@code rules} (country rules), {@code defaults} (a contact point
 * per country) and {@code copies} (copy rules). Strict: unknown keys, unassigned country codes,
 * unknown sources or categories, and contact points that are not in the directory or do not handle a
 * category the rule sends them are refused with the file and the entry. docs/routing.md describes
 * the format.
 */
public final class RoutingRulesFile {
    private static final Set<String> FILE_KEYS = Set.of("rules", "defaults", "copies");
    private static final Set<String> RULE_KEYS = Set.of("countries", "in", "categories", "contactPoints");

    private final ConfigYaml yaml;
    private final ContactPointDirectory directory;

    private RoutingRulesFile(ConfigYaml yaml, ContactPointDirectory directory) {
        this.yaml = yaml;
        this.directory = directory;
    }

    /** @throws IOException the file is unreadable or invalid; the message names the file and the entry */
    public static RoutingRules load(Path file, ContactPointDirectory directory) throws IOException {
        return new RoutingRulesFile(ConfigYaml.of(file), directory).read(file.toString());
    }

    private RoutingRules read(String source) throws IOException {
        JsonNode root = yaml.root();
        yaml.onlyKeys(root, FILE_KEYS, "top level");
        List<RoutingRule> rules = new ArrayList<>(rules(root, "rules", false));
        rules.addAll(rules(root, "copies", true));
        Map<String, ContactPoint> defaults = defaults(root.get("defaults"));
        if (rules.isEmpty() && defaults.isEmpty()) {
            // Every notice would be refused: certainly not what the administrator meant.
            throw yaml.error("top level", "no rules, defaults or copies: every notice would be refused as NO_CONTACT_POINT");
        }
        return new RoutingRules(source, rules, defaults);
    }

    private List<RoutingRule> rules(JsonNode root, String key, boolean copy) throws IOException {
        JsonNode list = root.get(key);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw yaml.error(key, "expected a list of rules");
        }
        List<RoutingRule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rules.add(rule(list.get(i), key + " entry " + (i + 1), copy));
        }
        return rules;
    }

    private RoutingRule rule(JsonNode node, String entry, boolean copy) throws IOException {
        yaml.requireMap(node, entry);
        yaml.onlyKeys(node, RULE_KEYS, entry);
        Set<String> countries = new LinkedHashSet<>();
        for (String country : yaml.texts(node, entry, "countries")) {
            countries.add(yaml.country(country, entry, "countries"));
        }
        if (countries.isEmpty() && !copy) {
            throw yaml.error(entry, "countries is required (e.g. [VN]); to send notices of a category whatever their "
                    + "countries, write a copy rule under copies");
        }
        Set<CountrySource> sources = sources(node, entry, !countries.isEmpty());
        Set<Category> categories = EnumSet.noneOf(Category.class);
        for (String name : yaml.texts(node, entry, "categories")) {
            categories.add(ContactPointDirectoryFile.category(yaml, name, entry));
        }
        List<String> ids = yaml.texts(node, entry, "contactPoints");
        if (ids.isEmpty()) {
            throw yaml.error(entry, "contactPoints is required: the ids of the contact points it sends to");
        }
        List<ContactPoint> contactPoints = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            ContactPoint contactPoint = contactPoint(id, entry);
            // A rule that sends a category to an agency that does not handle it would silently send nothing.
            for (Category category : categories) {
                if (!contactPoint.handles(category)) {
                    throw yaml.error(entry, "contact point " + id + " does not handle " + category + " (it handles "
                            + contactPoint.categories() + "); add the category to it in the directory, or take it out of this rule");
                }
            }
            contactPoints.add(contactPoint);
        }
        return new RoutingRule(copy, countries, sources, categories, contactPoints);
    }

    private Set<CountrySource> sources(JsonNode node, String entry, boolean hasCountries) throws IOException {
        List<String> words = yaml.texts(node, entry, "in");
        if (words.isEmpty()) {
            return hasCountries ? CountrySource.STANDARD : Set.of();
        }
        if (!hasCountries) {
            throw yaml.error(entry, "'in' says where to look for the rule's countries; it needs countries");
        }
        Set<CountrySource> sources = EnumSet.noneOf(CountrySource.class);
        for (String word : words) {
            sources.add(CountrySource.ofWord(word).orElseThrow(() -> yaml.error(entry, "in: '" + word + "' is not one of "
                    + List.of(CountrySource.values()).stream().map(CountrySource::word).toList())));
        }
        return sources;
    }

    private Map<String, ContactPoint> defaults(JsonNode node) throws IOException {
        Map<String, ContactPoint> defaults = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return defaults;
        }
        yaml.requireMap(node, "defaults");
        for (String country : (Iterable<String>) node::fieldNames) {
            String entry = "defaults " + country;
            yaml.country(country, entry, "country");
            defaults.put(country, contactPoint(yaml.requiredText(node, entry, country), entry));
        }
        return defaults;
    }

    private ContactPoint contactPoint(String id, String entry) throws IOException {
        return directory.find(id).orElseThrow(() -> yaml.error(entry, "contact point '" + id + "' is not in the "
                + "contact-point directory (it has " + String.join(", ", new TreeSet<>(directory.all().stream()
                .map(ContactPoint::id).toList())) + ")"));
    }
}
