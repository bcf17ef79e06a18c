package org.dragongate.quarantine;

import java.time.Instant;

/**
 * A quarantine entry as the database has it, with the package it refused: what administrators list
 * and show. Never the package's content: the message is the refusal's, written for a person to act on.
 *
 * @param reason       the stable reason code (a {@code RejectReason} name)
 * @param state        OPEN, REPROCESSED (an administrator asked for it to go through the flow again), DISCARDED
 * @param discardedBy  who discarded it, with {@code discardReason}; null unless DISCARDED
 */
public record QuarantineRecord(String id, String packageSha256, String reason, String message, String state, Instant quarantinedAt,
                               Instant updatedAt, String channel, String partnerId, String origin, long packageSize, Instant receivedAt,
                               String discardedBy, String discardReason) {
    public static final String OPEN = "OPEN";
    public static final String REPROCESSED = "REPROCESSED";
    public static final String DISCARDED = "DISCARDED";
}
