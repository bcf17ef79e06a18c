package org.dragongate.notice;

import java.util.List;

/** A notice document that does not conform to {@code notice-1.xsd}. */
public final class NoticeSchemaViolation extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> violations;

    public NoticeSchemaViolation(List<String> violations) {
        super("not valid against notice-1.xsd: " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    /** Each violation as "line L, column C: message". */
    public List<String> violations() {
        return violations;
    }
}
