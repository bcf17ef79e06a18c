package org.dragongate.crypto;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** How a certificate is named in messages: subject and serial, enough for an admin to find it. */
public final class Certificates {
    private Certificates() {
    }

    public static String describe(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "' (serial " + certificate.getSerialNumber().toString(16) + ")";
    }

    /** The fewest hex digits of a fingerprint an administrator may give to name a certificate or key. */
    public static final int MIN_FINGERPRINT_PREFIX = 8;

    /**
     * A fingerprint or its prefix as an administrator types it (any case, colons allowed), lower-case hex
     * for a prefix match; empty when it is not one (fewer than {@link #MIN_FINGERPRINT_PREFIX} hex digits).
     */
    public static java.util.Optional<String> fingerprintPrefix(String typed) {
        String prefix = typed == null ? "" : typed.strip().toLowerCase(java.util.Locale.ROOT).replace(":", "");
        return prefix.matches("[0-9a-f]{" + MIN_FINGERPRINT_PREFIX + ",64}") ? java.util.Optional.of(prefix) : java.util.Optional.empty();
    }

    /** SHA-256 of the DER encoding, lower-case hex: how administrators and the directory name a certificate. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return Digests.sha256Hex(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
