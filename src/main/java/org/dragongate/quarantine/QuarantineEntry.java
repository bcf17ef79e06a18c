package org.dragongate.quarantine;

import java.time.Instant;

/**
 * A refused package set aside for an administrator: the raw package is kept beside this record.
 *
 * @param reason the stable reason code (a {@code RejectReason} name)
 */
public record QuarantineEntry(String id, Instant quarantinedAt, Instant receivedAt, String reason, String message,
                              String channel, String partnerId, String origin, String packageSha256, long packageSize) {
}
