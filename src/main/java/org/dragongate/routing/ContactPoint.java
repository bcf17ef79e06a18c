package org.dragongate.routing;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dragongate.notice.Category;

/**
 * A national contact point (or regional office) that receives routed notices.
 *
 * @param country               ISO 3166-1 alpha-2 code of the country it serves
 * @param categories            the categories it handles; it receives no notice of another category
 * @param endpoint              where deliveries go: {@code https://...}, {@code sftp://host:port/path} or
 *                              {@code mailto:address}; {@code http://} only to a loopback host (the demo receiver)
 * @param encryptionCertificate the certificate deliveries are encrypted for; without one they are signed only
 * @param credentials           how the gateway authenticates to the endpoint (names of secrets, never the secrets)
 */
public record ContactPoint(
        String id,
        String name,
        String country,
        Set<Category> categories,
        URI endpoint,
        Optional<X509Certificate> encryptionCertificate,
        Credentials credentials) {

    /** How a delivery travels, from the endpoint's scheme. */
    public enum Transport {
        HTTP, SFTP, MAIL;

        static Optional<Transport> of(URI endpoint) {
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            return switch (scheme) {
                case "https", "http" -> Optional.of(HTTP);
                case "sftp" -> Optional.of(SFTP);
                case "mailto" -> Optional.of(MAIL);
                default -> Optional.empty();
            };
        }
    }

    public ContactPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(endpoint, "endpoint");
        name = name == null ? id : name;
        // An EnumSet keeps the categories in declaration order, so messages list them the same way every time.
        categories = categories.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(categories));
        encryptionCertificate = Objects.requireNonNullElse(encryptionCertificate, Optional.empty());
        credentials = Objects.requireNonNullElse(credentials, Credentials.NONE);
    }

    public boolean handles(Category category) {
        return categories.contains(category);
    }

    /** @throws IllegalStateException the endpoint's scheme is not one the gateway delivers to (the loader refuses those) */
    public Transport transport() {
        return Transport.of(endpoint).orElseThrow(() -> new IllegalStateException(id + ": no transport for " + endpoint));
    }
}
