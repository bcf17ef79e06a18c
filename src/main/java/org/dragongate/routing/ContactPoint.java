package org.dragongate.routing;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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

    // The same alphabet as partner ids: ids become folder names and URL path segments.
    private static final Pattern ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,63}");
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;

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

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Why a certificate cannot be one deliveries are encrypted for, or nothing. Deliveries would be sealed
     * for its key: a CA or signing-only certificate here is a mix-up, caught when it is registered.
     */
    public static Optional<String> encryptionProblem(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        if (certificate.getBasicConstraints() != -1
                || usage != null && !(usage[KEY_ENCIPHERMENT] || usage.length > KEY_AGREEMENT && usage[KEY_AGREEMENT])) {
            return Optional.of("is not an encryption certificate (it is a CA, or has neither keyEncipherment nor keyAgreement key usage): "
                    + certificate.getSubjectX500Principal());
        }
        return Optional.empty();
    }

    public boolean handles(Category category) {
        return categories.contains(category);
    }

    /** @throws IllegalStateException the endpoint's scheme is not one the gateway delivers to (the loader refuses those) */
    public Transport transport() {
        return Transport.of(endpoint).orElseThrow(() -> new IllegalStateException(id + ": no transport for " + endpoint));
    }
}
