package org.dragongate.store;

import java.time.Instant;
import java.util.List;
import org.dragongate.store.AuditTrail.AuditRecord;

/**
 * Everything the tracking database knows about one package, as {@link PackageTrace} assembles it
 * for a person: how it came in, what the checks said, its notices and where each went, and the
 * audit records about any of them. The sealed bytes of deliveries are deliberately not part of it.
 */
public record PackageHistory(Received received, List<Quarantined> quarantine, List<TracedNotice> notices,
                             List<AuditRecord> audit) {

    /** The package row: the channel's claim, then what the signature proved. */
    public record Received(String sha256, long sizeBytes, String channel, String claimedPartner, String origin, String form,
                           Instant receivedAt, String state, String partnerId, String signerSubject, String signerSerial,
                           String reasonCode, Instant updatedAt) {
    }

    /** A quarantine entry of the package. */
    public record Quarantined(String quarantineId, String reasonCode, String message, String state, Instant quarantinedAt,
                              Instant updatedAt) {
    }

    /**
     * A notice from the package.
     *
     * @param supersededBy the later version's notice id, or null while this is the latest
     */
    public record TracedNotice(String noticeId, String partnerId, String reference, int version, String contentSha256,
                               String supersedes, String supersededBy, Instant receivedAt, List<TracedDelivery> deliveries) {
    }

    /** One delivery of a notice to a contact point, and how far it got. */
    public record TracedDelivery(String deliveryKey, String contactPointId, String routingReason, String state, int attempts,
                                 Instant queuedAt, Instant firstAttemptAt, Instant lastAttemptAt, Instant nextAttemptAt,
                                 String lastOutcome) {
    }
}
