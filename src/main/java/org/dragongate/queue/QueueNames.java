package org.dragongate.queue;

/** The gateway's queues on the broker. */
public final class QueueNames {
    /** Packages taken in (archived), waiting to be opened. */
    public static final String RECEIVED = "dragongate.received";
    /** Where the broker moves a message that failed every delivery attempt: kept until an administrator looks at it. */
    public static final String FAILED = "dragongate.failed";
    /** Matches every gateway queue (Artemis address wildcard). */
    static final String ALL = "dragongate.#";

    private QueueNames() {
    }
}
