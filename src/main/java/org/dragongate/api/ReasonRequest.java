package org.dragongate.api;

/** The body of an operation that asks why, for the audit trail: {@code {"reason": "..."}}. */
public record ReasonRequest(String reason) {
    static final ReasonRequest NONE = new ReasonRequest(null);
}
