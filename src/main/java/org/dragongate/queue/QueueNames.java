package org.dragongate.queue;

/** The gateway's queues on the broker. */
public final class QueueNames {
    /** Packages taken in (archived), waiting to be opened. */
    public static final String RECEIVED = "dragongate.received";
    /** Where the broker moves a message that failed every delivery attempt: kept until an administrator looks at it. */
    public static final String FAILED = "dragongate.failed";
    /** Matches every gateway queue (Artemis address wildcard). */
    static final String ALL = "dragongate.#";
    /** The JMS group of a package's messages: its SHA-256, so the broker gives one consumer at a time a given package. */
    public static final String GROUP_HEADER = "JMSXGroupID";
    static final int GROUP_BUCKETS = 256;

    private QueueNames() {
    }
}
