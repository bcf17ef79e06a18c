package org.dragongate.routing;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the gateway authenticates to a contact point's HTTPS endpoint: a bearer token, a client
 * certificate for mutual TLS, both or neither. Only the names of environment variables are kept
 * here, so the directory file can be committed and shown to anyone; the secrets are read from the
 * environment when a delivery needs them.
 *
 * @param bearerTokenVariable name of the environment variable holding the bearer token
 * @param clientCertificate   PKCS#12 file (key and chain) for mutual TLS, with its password's variable
 */
public record Credentials(Optional<String> bearerTokenVariable, Optional<ClientCertificate> clientCertificate) {
    public static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());
    // Upper-case names only: a token pasted where a name belongs (lower case, dots, '=') does not pass.
    private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

    /** Whether {@code name} can be the name of an environment variable here; a secret pasted instead is not. */
    public static boolean isVariableName(String name) {
        return name != null && VARIABLE.matcher(name).matches();
    }

    /** @param passwordVariable name of the environment variable holding the PKCS#12 password */
    public record ClientCertificate(Path pkcs12, String passwordVariable) {
        public ClientCertificate {
            Objects.requireNonNull(pkcs12, "pkcs12");
            Objects.requireNonNull(passwordVariable, "passwordVariable");
        }

        /** @throws IllegalStateException the variable is not set: the message names it, not a secret */
        public char[] password(Map<String, String> environment) {
            return secret(environment, passwordVariable, "the password of " + pkcs12).toCharArray();
        }
    }

    public Credentials {
        bearerTokenVariable = Objects.requireNonNullElse(bearerTokenVariable, Optional.empty());
        clientCertificate = Objects.requireNonNullElse(clientCertificate, Optional.empty());
    }

    /**
     * The bearer token, read from {@code environment} (normally {@link System#getenv()}).
     *
     * @throws IllegalStateException a variable is configured but not set, so a delivery would go out unauthenticated
     */
    public Optional<String> bearerToken(Map<String, String> environment) {
        return bearerTokenVariable.map(variable -> secret(environment, variable, "the bearer token"));
    }

    private static String secret(Map<String, String> environment, String variable, String what) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + variable + " (" + what + ") is not set");
        }
        return value;
    }
}
