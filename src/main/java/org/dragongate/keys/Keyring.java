package org.dragongate.keys;

import java.util.Objects;
import org.dragongate.crypto.GatewayKeys;
import org.dragongate.crypto.KeyMaterial;

/**
 * The keys the gateway works with at one moment: every active decryption key (newest first), the
 * retired ones' certificates (to name them in a refusal), and the one signing key.
 */
public record Keyring(GatewayKeys decryption, KeyMaterial signing) {
    public Keyring {
        Objects.requireNonNull(decryption, "decryption");
        Objects.requireNonNull(signing, "signing");
    }
}
