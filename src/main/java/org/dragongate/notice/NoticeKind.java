package org.dragongate.notice;

/** What a notice is for; decides which fields are required (see docs/schema.md). */
public enum NoticeKind {
    /** Watch for a shipment, conveyance or person: something is expected to happen. */
    ALERT,
    /** Something was seized: when, where and what. */
    SEIZURE_REPORT,
    /** The sender asks the receiving countries to do something. */
    REQUEST_FOR_ASSISTANCE,
    /** Background intelligence with no action attached. */
    INFORMATION
}
