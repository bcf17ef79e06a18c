package org.dragongate.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/** Variations of a canonical JSON document, one change at a time. */
final class Documents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {
    }

    /** {@code json} after {@code change} has been applied to its tree. */
    static String edit(String json, Consumer<ObjectNode> change) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(json);
            change.accept(tree);
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sets a value at a JSON pointer whose parent exists, e.g. {@code /commodities/0/hsCode}. */
    static String set(String json, String pointer, Object value) {
        return edit(json, tree -> {
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = tree.at(pointer.substring(0, slash));
            ((ObjectNode) parent).set(pointer.substring(slash + 1), JSON.valueToTree(value));
        });
    }

    static String remove(String json, String pointer) {
        return edit(json, tree -> {
            int slash = pointer.lastIndexOf('/');
            ((ObjectNode) tree.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1));
        });
    }
}
