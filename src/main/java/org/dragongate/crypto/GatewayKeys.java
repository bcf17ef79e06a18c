package org.dragongate.crypto;

import java.util.List;

/**
 * The gateway's active decryption keys. During a rollover the old and the new key are both here,
 * so packages sealed for either open; the first is preferred when a package names several.
 */
public record GatewayKeys(List<KeyMaterial> active) {
    public GatewayKeys {
        if (active.isEmpty()) {
            throw new IllegalArgumentException("the gateway needs at least one active key");
        }
        active = List.copyOf(active);
    }

    public static GatewayKeys of(KeyMaterial... keys) {
        return new GatewayKeys(List.of(keys));
    }
}
