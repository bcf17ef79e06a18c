package org.dragongate.crypto;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The gateway's active decryption keys. During a rollover the old and the new key are both here,
 * so packages sealed for either open; the first is preferred when a package names several.
 * Retired keys are listed by their certificate only, so a package sealed for one is refused with
 * a reason that names it, instead of as sealed for a stranger.
 */
public record GatewayKeys(List<KeyMaterial> active, List<Retired> retired) {
    /** A key the gateway no longer opens packages with, and since when. */
    public record Retired(X509Certificate certificate, Instant retiredAt) {
    }

    public GatewayKeys {
        if (active.isEmpty()) {
            throw new IllegalArgumentException("the gateway needs at least one active key");
        }
        active = List.copyOf(active);
        retired = List.copyOf(retired);
    }

    public GatewayKeys(List<KeyMaterial> active) {
        this(active, List.of());
    }

    public static GatewayKeys of(KeyMaterial... keys) {
        return new GatewayKeys(List.of(keys));
    }
}
