package org.dragongate.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A certificate registered for a partner that the gateway does not accept now: revoked by the
 * administrators, or outside its window of use (expired, or not yet started). The directory keeps
 * it beside the partner's usable certificates so that a package signed with it is refused with a
 * reason that names it, its date and what the partner must do, instead of as an unknown signer.
 *
 * @param trustAnchor      a CA the partner's signers chain to; false for a pinned signer certificate
 * @param useFrom          start of the window of use the administrator set
 * @param useUntil         end of that window (exclusive)
 * @param revokedAt        when the administrators revoked it; null when it is not revoked
 * @param revocationReason their reason; null when it is not revoked
 */
public record OutOfUseCertificate(X509Certificate certificate, boolean trustAnchor, Instant useFrom, Instant useUntil, Instant revokedAt,
                                  String revocationReason) {
}
