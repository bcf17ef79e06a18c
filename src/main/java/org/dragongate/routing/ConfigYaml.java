package org.dragongate.routing;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dragongate.convert.CountryCodes;

/**
 * Strict reading of the routing configuration files: every problem is an {@link IOException}
 * naming the file and the entry, so a typo stops the gateway at start-up instead of silently
 * routing intelligence to the wrong agency (or to nobody).
 */
final class ConfigYaml {
    private static final CountryCodes COUNTRIES = CountryCodes.iso3166();

    private final Path file;

    private ConfigYaml(Path file) {
        this.file = file;
    }

    static ConfigYaml of(Path file) {
        return new ConfigYaml(file);
    }

    /** Reads the file; a key given twice in one map is refused (YAML forbids it; a parser would keep the last). */
    JsonNode root() throws IOException {
        YAMLMapper mapper = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not readable YAML: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw error("top level", "the file is empty");
        }
        requireMap(root, "top level");
        return root;
    }

    Path base() {
        return file.toAbsolutePath().getParent();
    }

    IOException error(String entry, String problem) {
        return new IOException(file + ": " + entry + ": " + problem);
    }

    void requireMap(JsonNode node, String entry) throws IOException {
        if (node == null || !node.isObject()) {
            throw error(entry, "expected a map of keys to values");
        }
    }

    void onlyKeys(JsonNode node, Set<String> keys, String entry) throws IOException {
        for (String key : (Iterable<String>) node::fieldNames) {
            if (!keys.contains(key)) {
                throw error(entry, "unknown key '" + key + "'; the keys are " + String.join(", ", new TreeSet<>(keys)));
            }
        }
    }

    /** A scalar as trimmed text, or null when absent. YAML 1.1 reads an unquoted {@code NO} (Norway) as false: refused. */
    String text(JsonNode node, String entry, String key) throws IOException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            throw unquotedBoolean(entry, key);
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw error(entry, key + ": expected a single value");
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    String requiredText(JsonNode node, String entry, String key) throws IOException {
        String text = text(node, entry, key);
        if (text == null) {
            throw error(entry, key + " is required");
        }
        return text;
    }

    /** A list of scalars; a single scalar is not accepted, so {@code countries: VN, MY} cannot be misread. */
    List<String> texts(JsonNode node, String entry, String key) throws IOException {
        JsonNode list = node.get(key);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.isEmpty()) {
            throw error(entry, key + ": expected a non-empty list such as [A, B]");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : list) {
            if (item.isBoolean()) {
                throw unquotedBoolean(entry, key);
            }
            if (!item.isTextual() || item.asText().isBlank()) {
                throw error(entry, key + ": expected a list of single values");
            }
            texts.add(item.asText().trim());
        }
        return texts;
    }

    private IOException unquotedBoolean(String entry, String key) {
        return error(entry, key + ": YAML read an unquoted NO, YES, ON or OFF as a boolean; quote the value, e.g. \"NO\" for Norway");
    }

    /** An assigned ISO 3166-1 alpha-2 code, as the notices carry them. */
    String country(String code, String entry, String key) throws IOException {
        if (!COUNTRIES.isAssigned(code)) {
            throw error(entry, key + ": '" + code + "' is not an assigned ISO 3166-1 alpha-2 country code (upper case, e.g. VN)");
        }
        return code;
    }
}
