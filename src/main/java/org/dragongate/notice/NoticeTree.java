package org.dragongate.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bridges the XML and JSON shapes of a notice on Jackson's tree model. Jackson reads
 * {@code <places><place>..</place></places>} as {@code {"places":{"place":{..}}}} (an array only
 * when there are two or more), while the JSON form is {@code {"places":[{..}]}}. After
 * {@link #fromXml} both look alike, so one reader serves both.
 */
public final class NoticeTree {
    /** Each list of the schema: wrapper element (= JSON field) to item element. */
    public static final Map<String, String> LIST_ITEMS = Map.of(
            "places", "place",
            "commodities", "commodity",
            "parties", "party",
            "concernedCountries", "country",
            "attachments", "attachment",
            "containerNumbers", "containerNumber",
            "transits", "transit");

    private NoticeTree() {
    }

    /**
     * Rewrites each list wrapper that holds only its items into a JSON array (an empty wrapper
     * into an empty array). A wrapper holding anything else is left as it is, for the reader to
     * report.
     */
    public static JsonNode fromXml(JsonNode xml) {
        if (xml.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            xml.forEach(item -> copy.add(fromXml(item)));
            return copy;
        }
        if (!xml.isObject()) {
            return xml;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : xml.properties()) {
            String item = LIST_ITEMS.get(field.getKey());
            JsonNode value = item == null ? fromXml(field.getValue()) : unwrap(field.getValue(), item);
            copy.set(field.getKey(), value);
        }
        return copy;
    }

    private static JsonNode unwrap(JsonNode wrapper, String item) {
        if (wrapper.isTextual() && wrapper.asText().isBlank()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!wrapper.isObject() || wrapper.size() != 1 || !wrapper.has(item)) {
            return fromXml(wrapper);
        }
        JsonNode items = wrapper.get(item);
        List<JsonNode> list = new ArrayList<>();
        if (items.isArray()) {
            items.forEach(list::add);
        } else {
            list.add(items);
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        list.forEach(element -> array.add(fromXml(element)));
        return array;
    }
}
