package org.dragongate.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a mapping to a document on Jackson's tree model and builds the notice's tree in the
 * common schema's JSON shape; the same code serves XML, JSON and CSV rows, since Jackson reads all
 * three into that model. It only moves and translates values: whether they are valid is for the
 * reader and the rules afterwards, which then see exactly what a canonical document would hold.
 */
final class MappingEngine {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Mapping mapping;

    MappingEngine(Mapping mapping) {
        this.mapping = mapping;
    }

    /**
     * The notice tree built from {@code document}. Values the mapping cannot translate are reported
     * to {@code problems} with where they came from; {@code origins} receives, for each field
     * filled, where in the document its value was (to point the sender at their own field later).
     */
    ObjectNode apply(JsonNode document, Problems problems, Map<String, String> origins) {
        ObjectNode notice = NODES.objectNode();
        new Run(document, problems, origins).rules(mapping.rules(), document, "", "", notice);
        return notice;
    }

    /** One application: the document and where its findings go. */
    private final class Run {
        private final JsonNode root;
        private final Problems problems;
        private final Map<String, String> origins;

        Run(JsonNode root, Problems problems, Map<String, String> origins) {
            this.root = root;
            this.problems = problems;
            this.origins = origins;
        }

        /** Fills {@code out}; true when at least one value came from the document (not a constant or default). */
        boolean rules(List<FieldRule> rules, JsonNode current, String currentSource, String targetPrefix, ObjectNode out) {
            boolean fromDocument = false;
            for (FieldRule rule : rules) {
                fromDocument |= rule.isList()
                        ? list(rule, current, currentSource, targetPrefix, out)
                        : value(rule, current, currentSource, targetPrefix, out);
            }
            return fromDocument;
        }

        private boolean list(FieldRule rule, JsonNode current, String currentSource, String targetPrefix, ObjectNode out) {
            JsonNode found = rule.each().resolve(root, current);
            List<JsonNode> items = new ArrayList<>();
            if (found.isArray()) {
                found.forEach(items::add);
            } else if (!found.isMissingNode() && !found.isNull()) {
                items.add(found);
            }
            String source = source(rule.each(), currentSource);
            ArrayNode list = NODES.arrayNode();
            for (int i = 0; i < items.size(); i++) {
                ObjectNode item = NODES.objectNode();
                String itemSource = items.size() == 1 && !found.isArray() ? source : source + "[" + i + "]";
                String itemTarget = targetPrefix + rule.target() + "[" + list.size() + "]";
                // An item with nothing from the document (only constants) is not an item: a CSV row
                // with its commodity columns empty has no commodity.
                if (rules(rule.itemRules(), items.get(i), itemSource, itemTarget + ".", item)) {
                    list.add(item);
                }
            }
            if (list.isEmpty()) {
                return false;
            }
            set(out, rule.target(), list);
            return true;
        }

        private boolean value(FieldRule rule, JsonNode current, String currentSource, String targetPrefix, ObjectNode out) {
            String target = targetPrefix + rule.target();
            List<String> values;
            String source = null;
            if (rule.constant() != null) {
                values = List.of(rule.constant());
            } else {
                source = source(rule.from(), currentSource);
                values = texts(rule.from().resolve(root, current), target, source);
                if (values.isEmpty() && rule.defaultValue() != null) {
                    values = List.of(rule.defaultValue());
                    source = null;
                }
            }
            values = translate(rule, values, target, source);
            if (values.isEmpty()) {
                return false;
            }
            if (!rule.many() && values.size() > 1) {
                problems.add(new FieldProblem(0, target, source, String.join(" ", values), "a single value, found " + values.size()));
                return false;
            }
            if (rule.many()) {
                ArrayNode array = NODES.arrayNode();
                values.forEach(array::add);
                set(out, rule.target(), array);
            } else {
                set(out, rule.target(), NODES.textNode(values.get(0)));
            }
            if (source != null) {
                origins.put(target, source);
            }
            return source != null;
        }

        /** The text values at a node: one for a value, one per element for an array; XML text beside attributes counts. */
        private List<String> texts(JsonNode node, String target, String source) {
            List<String> texts = new ArrayList<>();
            if (node.isArray()) {
                for (JsonNode element : node) {
                    text(element, target, source, texts);
                }
            } else {
                text(node, target, source, texts);
            }
            return texts;
        }

        private void text(JsonNode node, String target, String source, List<String> texts) {
            if (node.isMissingNode() || node.isNull()) {
                return;
            }
            JsonNode value = node.isObject() && node.has("") ? node.get("") : node;
            if (value.isValueNode()) {
                String text = value.asText().trim();
                if (!text.isEmpty()) {
                    texts.add(text);
                }
            } else {
                problems.add(new FieldProblem(0, target, source, value.isArray() ? "(a list)" : "(an object)",
                        "a single value at " + source));
            }
        }

        /** Transforms, then the value map: a value the map does not know is a problem, never passed through. */
        private List<String> translate(FieldRule rule, List<String> values, String target, String source) {
            List<String> transformed = values;
            for (Transform transform : rule.transforms()) {
                List<String> next = new ArrayList<>();
                transformed.forEach(value -> next.addAll(transform.apply(value)));
                transformed = next;
            }
            if (rule.values().isEmpty() || rule.constant() != null || source == null) {
                return transformed;
            }
            List<String> translated = new ArrayList<>();
            for (String value : transformed) {
                String ours = lookUp(rule.values(), value);
                if (ours == null) {
                    problems.add(new FieldProblem(0, target, source, value,
                            "one of " + String.join(", ", rule.values().keySet())));
                } else {
                    translated.add(ours);
                }
            }
            return translated;
        }
    }

    /** Exact first; then ignoring case, since partners' systems vary in that more than in spelling. */
    private static String lookUp(Map<String, String> values, String value) {
        String exact = values.get(value);
        if (exact != null) {
            return exact;
        }
        return values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(value)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** How the sender would name a source: a path in their document, or a CSV column. */
    private String source(SourcePath path, String currentSource) {
        if (mapping.syntax() == Syntax.CSV) {
            return "column " + String.join("/", path.steps());
        }
        if (path.absolute() || currentSource.isEmpty()) {
            return path.absolute() ? path.text() : "/" + path.text();
        }
        return path.steps().isEmpty() ? currentSource : currentSource + "/" + path.text();
    }

    /** Sets a dotted path ({@code quantity.unit}), creating the objects on the way. */
    private static void set(ObjectNode out, String dotted, JsonNode value) {
        String[] steps = dotted.split("\\.");
        ObjectNode node = out;
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = node.get(steps[i]);
            node = next instanceof ObjectNode object ? object : node.putObject(steps[i]);
        }
        node.set(steps[steps.length - 1], value);
    }
}
