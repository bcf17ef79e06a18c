package org.dragongate.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dragongate.convert.CanonicalFields.Field;
import org.dragongate.convert.CanonicalFields.Shape;

/**
 * Reads a partner's format file ({@code config/mappings/<PARTNER>.yaml}) and checks every part of
 * it against the common schema: unknown keys, unknown target fields, values outside a field's
 * enumeration and malformed paths are refused with the file and the place in it, so an
 * administrator's mistake stops the gateway at start-up instead of corrupting notices.
 */
final class MappingFile {
    private static final Pattern PARTNER_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,63}");
    private static final Set<String> FILE_KEYS = Set.of("partner", "accepts", "mapping");
    private static final Set<String> MAPPING_KEYS = Set.of("syntax", "root", "namespace", "detect", "fields");
    private static final Set<String> RULE_KEYS = Set.of("from", "value", "default", "values", "transform", "each", "fields");

    private final String fileName;

    private MappingFile(String fileName) {
        this.fileName = fileName;
    }

    static PartnerFormat read(InputStream yaml, String fileName) throws IOException {
        JsonNode root = new YAMLMapper().readTree(yaml);
        return new MappingFile(fileName).partnerFormat(root);
    }

    /** A mapping on its own (no partner around it): the common CSV layout is defined this way. */
    static Mapping readMapping(InputStream yaml, String fileName) throws IOException {
        JsonNode root = new YAMLMapper().readTree(yaml);
        return new MappingFile(fileName).mapping(root, "");
    }

    static boolean isPartnerId(String id) {
        return id != null && PARTNER_ID.matcher(id).matches();
    }

    private PartnerFormat partnerFormat(JsonNode root) {
        requireObject(root, "");
        onlyKeys(root, FILE_KEYS, "");
        String partner = text(root.get("partner"), "partner");
        if (partner == null || !isPartnerId(partner)) {
            throw error("partner", "a partner id such as JP-CUSTOMS");
        }
        Mapping mapping = root.hasNonNull("mapping") ? mapping(root.get("mapping"), "mapping") : null;
        Set<DocumentFormat> accepted = accepted(root.get("accepts"), mapping);
        return new PartnerFormat(partner, accepted, mapping);
    }

    private Set<DocumentFormat> accepted(JsonNode accepts, Mapping mapping) {
        Set<DocumentFormat> accepted = EnumSet.noneOf(DocumentFormat.class);
        if (accepts == null || accepts.isNull()) {
            // Unsaid: the common schema in every syntax, plus the partner's own layout if it has one.
            accepted.addAll(PartnerFormat.canonicalOnly("-").accepted());
            if (mapping != null) {
                accepted.add(DocumentFormat.of(mapping.syntax(), true));
            }
            return accepted;
        }
        if (!accepts.isArray() || accepts.isEmpty()) {
            throw error("accepts", "a non-empty list of formats");
        }
        for (int i = 0; i < accepts.size(); i++) {
            String name = text(accepts.get(i), "accepts[" + i + "]");
            DocumentFormat format = DocumentFormat.ofConfigName(name == null ? "" : name)
                    .orElseThrow(() -> error("accepts", "formats among " + formatNames()));
            if (format.mapped() && (mapping == null || mapping.syntax() != format.syntax())) {
                throw error("accepts", format.configName() + " only with a mapping whose syntax is "
                        + format.syntax().name().toLowerCase(Locale.ROOT));
            }
            accepted.add(format);
        }
        if (mapping != null && !accepted.contains(DocumentFormat.of(mapping.syntax(), true))) {
            throw error("accepts", "the mapped format " + DocumentFormat.of(mapping.syntax(), true).configName()
                    + " listed, since a mapping is given");
        }
        return accepted;
    }

    private Mapping mapping(JsonNode node, String where) {
        requireObject(node, where);
        onlyKeys(node, MAPPING_KEYS, where);
        String syntaxName = text(node.get("syntax"), join(where, "syntax"));
        Syntax syntax;
        try {
            syntax = Syntax.valueOf(syntaxName == null ? "" : syntaxName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(join(where, "syntax"), "xml, json or csv");
        }
        String detect = text(node.get(syntax == Syntax.XML ? "root" : "detect"), join(where, syntax == Syntax.XML ? "root" : "detect"));
        if (detect == null) {
            throw error(join(where, syntax == Syntax.XML ? "root" : "detect"), syntax == Syntax.XML
                    ? "the local name of the layout's root element" : syntax == Syntax.JSON
                    ? "a path present in every document of this layout, e.g. /alert" : "a header column present in every file");
        }
        if (syntax != Syntax.XML && node.has("root") || syntax == Syntax.XML && node.has("detect")) {
            throw error(where, syntax == Syntax.XML ? "root (not detect) for an XML layout" : "detect (not root) for a JSON or CSV layout");
        }
        if (syntax == Syntax.JSON) {
            path(detect, join(where, "detect"));
        }
        String namespace = text(node.get("namespace"), join(where, "namespace"));
        if (namespace != null && syntax != Syntax.XML) {
            throw error(join(where, "namespace"), "no namespace: only XML layouts have one");
        }
        JsonNode fields = node.get("fields");
        if (fields == null || !fields.isObject() || fields.isEmpty()) {
            throw error(join(where, "fields"), "a map from fields of the common schema to rules");
        }
        return new Mapping(syntax, detect, namespace, rules(fields, CanonicalFields.TOP, join(where, "fields")));
    }

    private List<FieldRule> rules(JsonNode fields, Map<String, Field> targets, String where) {
        List<FieldRule> rules = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : fields.properties()) {
            String target = entry.getKey();
            String at = join(where, target);
            Field field = targets.get(target);
            if (field == null) {
                throw error(at, "a field of the common schema: " + String.join(", ", targets.keySet()));
            }
            rules.add(rule(target, field, entry.getValue(), at));
        }
        return rules;
    }

    private FieldRule rule(String target, Field field, JsonNode node, String at) {
        requireObject(node, at);
        onlyKeys(node, RULE_KEYS, at);
        if (field.shape() == Shape.OBJECT_LIST) {
            if (!node.has("each") || !node.has("fields") || node.size() != 2) {
                throw error(at, "a list: each (the repeated element or array) and fields (its item's rules), nothing else");
            }
            JsonNode itemFields = node.get("fields");
            requireObject(itemFields, join(at, "fields"));
            return new FieldRule(target, null, null, null, Map.of(), List.of(),
                    path(text(node.get("each"), join(at, "each")), join(at, "each")),
                    rules(itemFields, field.itemFields(), join(at, "fields")), false);
        }
        if (node.has("each") || node.has("fields")) {
            throw error(at, "from or value: " + target + " is not a list of objects");
        }
        boolean hasFrom = node.has("from");
        boolean hasValue = node.has("value");
        if (hasFrom == hasValue) {
            throw error(at, "exactly one of from (a path in the partner's document) and value (a constant)");
        }
        if (hasValue && (node.has("default") || node.has("values") || node.has("transform"))) {
            throw error(at, "a constant value alone, without default, values or transform");
        }
        String constant = hasValue ? text(node.get("value"), join(at, "value")) : null;
        String defaultValue = text(node.get("default"), join(at, "default"));
        Map<String, String> values = values(node.get("values"), join(at, "values"));
        List<Transform> transforms = transforms(node.get("transform"), join(at, "transform"));
        // What the rule can produce must be something the field accepts; checked here, once.
        if (!field.allowed().isEmpty()) {
            if (constant != null) {
                allowed(field, constant, join(at, "value"));
            }
            if (defaultValue != null) {
                allowed(field, defaultValue, join(at, "default"));
            }
            values.forEach((theirs, ours) -> allowed(field, ours, join(join(at, "values"), theirs)));
        }
        boolean many = field.shape() == Shape.VALUE_LIST;
        if (transforms.contains(Transform.SPLIT) && !many) {
            throw error(join(at, "transform"), "no split: " + target + " holds a single value");
        }
        SourcePath from = hasFrom ? path(text(node.get("from"), join(at, "from")), join(at, "from")) : null;
        return new FieldRule(target, from, constant, defaultValue, values, transforms, null, List.of(), many);
    }

    private void allowed(Field field, String value, String at) {
        if (!field.allowed().contains(value)) {
            throw error(at, "one of " + String.join(", ", field.allowed()) + " (got \"" + value + "\")");
        }
    }

    private Map<String, String> values(JsonNode node, String at) {
        if (node == null) {
            return Map.of();
        }
        requireObject(node, at);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String ours = text(entry.getValue(), join(at, entry.getKey()));
            if (ours == null) {
                throw error(join(at, entry.getKey()), "the value of the common schema that " + entry.getKey() + " stands for");
            }
            values.put(entry.getKey().trim(), ours);
        }
        return values;
    }

    private List<Transform> transforms(JsonNode node, String at) {
        if (node == null) {
            return List.of();
        }
        List<JsonNode> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(names::add);
        } else {
            names.add(node);
        }
        List<Transform> transforms = new ArrayList<>();
        for (JsonNode name : names) {
            String text = text(name, at);
            transforms.add(Transform.ofConfigName(text == null ? "" : text)
                    .orElseThrow(() -> error(at, "upper, lower or split")));
        }
        return transforms;
    }

    private SourcePath path(String text, String at) {
        if (text == null) {
            throw error(at, "a path such as /Kanri/TsuhoBango");
        }
        try {
            return SourcePath.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(at, "a path such as /Kanri/TsuhoBango (" + e.getMessage() + ")");
        }
    }

    /** A scalar as text. YAML's booleans are refused: {@code NO} (Norway) must not become {@code false}. */
    private String text(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() || node.isNumber()) {
            String text = node.asText().trim();
            return text.isEmpty() ? null : text;
        }
        if (node.isBoolean()) {
            throw error(at, "a quoted string: YAML read an unquoted " + node.asText() + " as a boolean");
        }
        throw error(at, "a single value");
    }

    private void requireObject(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw error(at, "a map of keys to values");
        }
    }

    private void onlyKeys(JsonNode node, Set<String> keys, String at) {
        node.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key)) {
                throw error(join(at, key), "one of the keys " + String.join(", ", keys.stream().sorted().toList()));
            }
        });
    }

    private IllegalArgumentException error(String at, String expected) {
        return new IllegalArgumentException(fileName + ": " + (at.isEmpty() ? "top level" : at) + ": expected " + expected);
    }

    private static String join(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    private static String formatNames() {
        return String.join(", ", java.util.Arrays.stream(DocumentFormat.values()).map(DocumentFormat::configName).toList());
    }
}
