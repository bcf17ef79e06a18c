package org.dragongate.keys;

import java.util.Locale;

/** What a gateway key is for: opening the packages partners seal for the gateway, or signing what the gateway sends. */
public enum KeyPurpose {
    /** Opens packages sealed for its certificate; several are active during a rollover. */
    DECRYPTION,
    /** Signs deliveries and receipts; of the active ones, the most recently activated signs. */
    SIGNING;

    public static KeyPurpose of(String word) {
        for (KeyPurpose purpose : values()) {
            if (purpose.name().equalsIgnoreCase(word.strip()) || purpose.name().substring(0, 3).equalsIgnoreCase(word.strip())) {
                return purpose;
            }
        }
        throw new GatewayKeyException(GatewayKeyException.Problem.INVALID_INPUT, "key purpose '" + word + "' must be decryption or signing");
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
