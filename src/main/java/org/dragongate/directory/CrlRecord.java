package org.dragongate.directory;

import java.time.Instant;

/** A revocation list registered for a partner; {@code nextUpdate} may be null (the CRL names none). */
public record CrlRecord(String partnerId, String sha256, String issuer, Instant thisUpdate, Instant nextUpdate) {
}
