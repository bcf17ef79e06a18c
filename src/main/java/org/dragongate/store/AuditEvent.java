package org.dragongate.store;

/** The state changes the audit trail records. */
public enum AuditEvent {
    RECEIVED,
    DUPLICATE,
    OPENED,
    REFUSED,
    ACCEPTED,
    CONVERTED,
    ROUTED,
    QUEUED,
    DELIVERED,
    RETRIED,
    DEAD_LETTERED,
    REDRIVEN,
    /** A package's processing failed on every attempt (not a refusal): it waits for an administrator's re-drive. */
    FAILED,
    RECEIPT_SENT,
    ADMIN_ACTION,
    /** Administrators were warned that a certificate expires soon, or has expired (once per certificate and threshold). */
    EXPIRY_WARNING
}
