package org.dragongate.trust;

import java.util.Locale;

/**
 * What the gateway does when a signer's revocation must be checked (its partner holds CRLs, or its
 * CA names a CRL distribution point) but no current CRL of the CA says whether it is revoked:
 * {@code gateway.revocation.on-missing-crl}. Revocation is never silently skipped: either the
 * package is refused (REVOCATION_UNKNOWN), or it is accepted and the audit trail says for each such
 * package that its signer's revocation was not checked and why. A certificate a CRL lists as
 * revoked is refused under both, even when that CRL is out of date.
 */
public enum RevocationPolicy {
    /** The default: no current CRL, no package. */
    REFUSE,
    /** Accept, and record on the package's OPENED audit record that revocation was not checked. */
    ACCEPT_AUDITED;

    /** {@code refuse} or {@code accept-audited}, as the setting is written. */
    public static RevocationPolicy of(String setting) {
        String value = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "refuse" -> REFUSE;
            case "accept-audited" -> ACCEPT_AUDITED;
            default -> throw new IllegalArgumentException("gateway.revocation.on-missing-crl is '" + setting
                    + "'; it must be refuse or accept-audited");
        };
    }
}
