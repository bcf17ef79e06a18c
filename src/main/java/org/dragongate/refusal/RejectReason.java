package org.dragongate.refusal;

/**
 * Why a package was refused. The code is stable: it goes into receipts, the audit trail,
 * quarantine and partner documentation, so constants are never renamed.
 */
public enum RejectReason {
    /** Not a CMS structure we can parse (bad encoding, truncated, nested too deep, wrong type). */
    MALFORMED,
    /** A signed-only package: the outer layer must be encrypted for the gateway. */
    NOT_ENCRYPTED,
    /** The decrypted content carries no signature (or no signer). */
    NOT_SIGNED,
    /** None of the gateway's active keys is among the recipients. */
    NOT_FOR_US,
    /** The content could not be decrypted: tampered, truncated or encrypted with a wrong key. */
    DECRYPTION_FAILED,
    /** The signature or its signed attributes do not match the content. */
    BAD_SIGNATURE,
    /** The signer certificate is not registered for, nor chains to, any partner's trust anchor. */
    UNKNOWN_SIGNER,
    /** The signer belongs to another partner than the channel the package came in on. */
    SIGNER_NOT_PARTNER,
    CERT_EXPIRED,
    CERT_NOT_YET_VALID,
    CERT_REVOKED,
    /** The certificate is trusted but not usable for signing (key usage, path constraints). */
    CERT_INVALID,
    /** Revocation was required but could not be determined (no current CRL). Never treated as "not revoked". */
    REVOCATION_UNKNOWN,
    /** An algorithm outside the allow-list: MD5/SHA-1, short RSA keys, DES/3DES/RC2, PKCS#1 v1.5 key transport, short GCM tags. */
    WEAK_ALGORITHM,
    /** The package, its content or its expanded (decompressed) content exceeds a configured limit. */
    TOO_LARGE,
    /** A mail that carries no package: neither an S/MIME encrypted message nor a .p7m / application/pkcs7-mime attachment. */
    NO_PACKAGE,
    /** A mail whose From address is not registered for any partner (or names several senders): no channel to check the signer against. */
    UNKNOWN_SENDER,
    /**
     * The document was read, but the notice in it does not meet the common schema: a required field
     * is missing, a code does not exist (country, container check digit), a value is outside what is
     * allowed, or the format is not one this partner may send. The receipt lists each problem with the
     * field's path, the value sent and what was expected.
     */
    INVALID_NOTICE,
    /**
     * The notice document cannot be read safely: not well-formed XML, JSON or CSV, a DOCTYPE (external
     * entities, entity expansion), nesting or strings beyond the limits, binary content.
     */
    MALFORMED_DOCUMENT,
    /**
     * The notice was read and is valid, but no routing rule, copy rule or country default of
     * {@code config/routing.yaml} names a contact point that handles it: nobody would receive it.
     * The message names the notice, its category and the countries it names; an administrator adds
     * a rule or a default and re-processes the package.
     */
    NO_CONTACT_POINT
}
