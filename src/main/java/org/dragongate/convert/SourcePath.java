package org.dragongate.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a value sits in a partner's document, as the mapping names it: {@code /Buppin/Hinmoku}
 * from the document root, or {@code Hinmei} relative to the current list item; {@code .} is the
 * current node itself. A numeric step picks an array element. A named step applied to an array
 * applies to each element (a repeated XML element is an array in Jackson's tree), so
 * {@code /KankeiKoku/Kuni} collects every {@code Kuni}. XML attributes are steps like elements.
 */
record SourcePath(boolean absolute, List<String> steps, String text) {
    private static final Pattern INDEX = Pattern.compile("[0-9]{1,6}");

    static SourcePath parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals(".") || trimmed.isEmpty()) {
            return new SourcePath(false, List.of(), ".");
        }
        boolean absolute = trimmed.startsWith("/");
        String body = absolute ? trimmed.substring(1) : trimmed;
        if (body.isEmpty()) {
            return new SourcePath(true, List.of(), "/");
        }
        List<String> steps = List.of(body.split("/", -1));
        if (steps.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("empty step in path \"" + text + "\"");
        }
        return new SourcePath(absolute, steps, trimmed);
    }

    /** The node this path points to from {@code root} or {@code current}; a missing node when there is none. */
    JsonNode resolve(JsonNode root, JsonNode current) {
        JsonNode node = absolute ? root : current;
        for (String step : steps) {
            node = step(node, step);
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node;
    }

    private static JsonNode step(JsonNode node, String step) {
        if (node.isArray()) {
            if (INDEX.matcher(step).matches()) {
                return node.path(Integer.parseInt(step));
            }
            ArrayNode collected = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                JsonNode found = step(element, step);
                if (found.isArray()) {
                    collected.addAll((ArrayNode) found);
                } else if (!found.isMissingNode()) {
                    collected.add(found);
                }
            }
            return collected.isEmpty() ? MissingNode.getInstance() : collected;
        }
        return node.isObject() ? node.path(step) : MissingNode.getInstance();
    }

    @Override
    public String toString() {
        return text;
    }
}
