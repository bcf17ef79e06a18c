package org.dragongate.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The gateway's settings as the gateway itself sees them, for a command that needs the same files:
 * {@code config/application.properties}, each key overridden by its environment variable
 * ({@code gateway.key-password} by {@code GATEWAY_KEY_PASSWORD}).
 */
final class GatewaySettings {
    private final Properties file;
    private final UnaryOperator<String> env;

    private GatewaySettings(Properties file, UnaryOperator<String> env) {
        this.file = file;
        this.env = env;
    }

    static GatewaySettings load(Path properties, UnaryOperator<String> env) throws IOException {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
            file.load(reader);
        }
        return new GatewaySettings(file, env);
    }

    /** The environment's value, else the file's, else {@code fallback}; blank counts as unset. */
    String get(String key, String fallback) {
        String fromEnv = env.apply(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        String fromFile = file.getProperty(key);
        return fromFile == null || fromFile.isBlank() ? fallback : fromFile.strip();
    }
}
