package org.dragongate.convert;

import java.util.List;
import java.util.Map;

/**
 * How one field of the common schema is filled from a partner's document: from a source path, as
 * a constant, or (for a list of objects) once per item with its own rules.
 *
 * @param target       dotted path in the common schema ({@code quantity.unit}), relative to the list item for item rules
 * @param from         where the value is in the partner's document, or null for a constant
 * @param constant     the value to use whatever the document says, or null
 * @param defaultValue used when {@code from} finds nothing, or null
 * @param values       partner value to our value; when not empty, a value not in it is a problem
 * @param transforms   applied in order before the value map
 * @param each         for a list of objects: the partner's repeated element or array, one item each
 * @param itemRules    for a list of objects: the rules of each item, their paths relative to the item
 * @param many         the target holds a list of values (concerned countries, container numbers), not one
 */
record FieldRule(
        String target,
        SourcePath from,
        String constant,
        String defaultValue,
        Map<String, String> values,
        List<Transform> transforms,
        SourcePath each,
        List<FieldRule> itemRules,
        boolean many) {

    FieldRule {
        values = Map.copyOf(values);
        transforms = List.copyOf(transforms);
        itemRules = List.copyOf(itemRules);
    }

    boolean isList() {
        return each != null;
    }
}
