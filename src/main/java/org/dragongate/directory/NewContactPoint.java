package org.dragongate.directory;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dragongate.convert.CountryCodes;
import org.dragongate.notice.Category;
import org.dragongate.routing.ContactPoint;
import org.dragongate.routing.Credentials;
import org.dragongate.routing.Endpoints;

/**
 * What an administrator gives to register a contact point; checked on construction as strictly as
 * {@code config/contact-points.yaml} is. Credentials are names (of environment variables, of a
 * PKCS#12 file on the gateway's disk), never the secrets: the directory can be listed to anyone.
 *
 * @param categories                   the notice categories it handles; at least one
 * @param endpoint                     {@code https://...}, {@code sftp://host:port/folder} or {@code mailto:address}
 * @param bearerTokenEnv               environment variable holding the bearer token, or null
 * @param clientCertificateFile        PKCS#12 file (key and chain) for mutual TLS, or null
 * @param clientCertificatePasswordEnv environment variable holding that file's password; set exactly when the file is
 */
public record NewContactPoint(String id, String name, String country, Set<Category> categories, String endpoint, String bearerTokenEnv,
                              String clientCertificateFile, String clientCertificatePasswordEnv) {
    private static final CountryCodes COUNTRIES = CountryCodes.iso3166();

    public NewContactPoint {
        if (!ContactPoint.isValidId(id)) {
            throw invalid("contact point id '" + id + "' must be 2 to 64 upper-case letters, digits and '-' (e.g. VN-ENV-POLICE)");
        }
        name = name == null || name.isBlank() ? id : name.strip();
        if (name.length() > 200) {
            throw invalid("contact point name is longer than 200 characters");
        }
        if (country == null || !COUNTRIES.isAssigned(country)) {
            throw invalid("country '" + country + "' must be an assigned ISO 3166 alpha-2 code such as VN");
        }
        if (categories == null || categories.isEmpty()) {
            throw invalid("a contact point handles at least one category, e.g. --category WILDLIFE");
        }
        categories = Collections.unmodifiableSet(EnumSet.copyOf(categories));
        Optional<String> problem = endpoint == null ? Optional.of("is required") : Endpoints.problem(endpoint.strip());
        if (problem.isPresent()) {
            throw invalid("endpoint " + problem.get());
        }
        endpoint = endpoint.strip();
        bearerTokenEnv = variable(bearerTokenEnv, "bearer token");
        clientCertificatePasswordEnv = variable(clientCertificatePasswordEnv, "client certificate password");
        clientCertificateFile = clientCertificateFile == null || clientCertificateFile.isBlank() ? null : clientCertificateFile.strip();
        if ((clientCertificateFile == null) != (clientCertificatePasswordEnv == null)) {
            throw invalid("a client certificate (a PKCS#12 file) and the variable holding its password go together");
        }
        boolean https = endpoint.toLowerCase(Locale.ROOT).startsWith("http");
        if (!https && (bearerTokenEnv != null || clientCertificateFile != null)) {
            throw invalid("bearer tokens and client certificates apply to https:// endpoints only");
        }
    }

    /** The categories by name (NARCOTICS, PRECURSORS, WILDLIFE, OTHER), as administrators type them. */
    public static Set<Category> categories(List<String> names) {
        Set<Category> categories = EnumSet.noneOf(Category.class);
        for (String name : names) {
            for (String part : name.split(",")) {
                try {
                    categories.add(Category.valueOf(part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw invalid("category '" + part.strip() + "' is not one of " + List.of(Category.values()));
                }
            }
        }
        return categories;
    }

    private static String variable(String name, String what) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (!Credentials.isVariableName(name.strip())) {
            throw invalid("the " + what + " must be given as the NAME of an environment variable (upper case, digits, '_', "
                    + "e.g. DRAGONGATE_TOKEN_VN_ENV_POLICE), never the secret itself");
        }
        return name.strip();
    }

    private static DirectoryException invalid(String message) {
        return new DirectoryException(DirectoryException.Problem.INVALID_INPUT, message);
    }
}
