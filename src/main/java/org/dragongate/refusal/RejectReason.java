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
    /**
     * Revocation was required (the partner has CRLs, or its CA publishes one at a distribution point) but
     * could not be determined: no current CRL of the CA. Never treated as "not revoked". The message names
     * the CA and what the administrators must do ({@code crl refresh}, {@code crl import}).
     */
    REVOCATION_UNKNOWN,
    /**
     * The signature holds, with a certificate registered for the partner (pinned, or the CA the signer
     * chains to) that the gateway administrators revoked. The message names the certificate (subject,
     * serial, SHA-256 prefix), when it was revoked and what the partner must do.
     */
    SIGNER_CERTIFICATE_REVOKED,
    /** As {@link #SIGNER_CERTIFICATE_REVOKED}, for a registered certificate that expired; the message gives the date. */
    SIGNER_CERTIFICATE_EXPIRED,
    /** As {@link #SIGNER_CERTIFICATE_REVOKED}, for a registered certificate whose window of use (or validity) starts later. */
    SIGNER_CERTIFICATE_NOT_YET_VALID,
    /**
     * As {@link #SIGNER_CERTIFICATE_REVOKED}, for a registered certificate, still valid, whose window of use
     * ended: the agreed date of a rollover passed and the partner still signs with the old certificate.
     */
    SIGNER_CERTIFICATE_OUTSIDE_USE_WINDOW,
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
