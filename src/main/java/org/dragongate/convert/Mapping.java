package org.dragongate.convert;

import java.util.List;

/**
 * A partner's own layout and how to read it into the common schema; loaded from the
 * {@code mapping} section of {@code config/mappings/<PARTNER>.yaml} (see docs/schema.md).
 *
 * @param syntax    the syntax the layout is written in
 * @param detect    how a document in this layout is recognised: the root element's local name (XML), a
 *                  path that must be present (JSON), a header column that must be present (CSV)
 * @param namespace for XML, the root element's namespace when it must match too, or null
 */
record Mapping(Syntax syntax, String detect, String namespace, List<FieldRule> rules) {
    Mapping {
        rules = List.copyOf(rules);
    }
}
