package org.dragongate.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dragongate.notice.Category;
import org.dragongate.trust.CertificateFiles;

/**
 * Reads the contact-point directory from YAML ({@code config/contact-points.yaml}); paths are
 * relative to the file. Strict: unknown keys, duplicate ids, bad endpoints, unassigned country
 * codes, unknown categories, certificates that cannot encrypt and secrets written into the file
 * are refused with the file and the entry. docs/routing.md describes the format.
 */
public final class ContactPointDirectoryFile {
    private static final Set<String> FILE_KEYS = Set.of("contactPoints");
    private static final Set<String> ENTRY_KEYS =
            Set.of("id", "name", "country", "categories", "endpoint", "encryptionCertificate", "credentials");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("bearerTokenEnv", "clientCertificate", "clientCertificatePasswordEnv");

    private final ConfigYaml yaml;

    private ContactPointDirectoryFile(ConfigYaml yaml) {
        this.yaml = yaml;
    }

    /** @throws IOException the file is unreadable or invalid; the message names the file and the entry */
    public static ContactPointDirectory load(Path file) throws IOException {
        return new ContactPointDirectoryFile(ConfigYaml.of(file)).read();
    }

    private ContactPointDirectory read() throws IOException {
        JsonNode root = yaml.root();
        yaml.onlyKeys(root, FILE_KEYS, "top level");
        JsonNode entries = root.get("contactPoints");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw yaml.error("contactPoints", "expected a non-empty list of contact points");
        }
        List<ContactPoint> contactPoints = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ContactPoint contactPoint = contactPoint(entries.get(i), "contactPoints entry " + (i + 1));
            if (!ids.add(contactPoint.id())) {
                throw yaml.error("contact point " + contactPoint.id(), "the id is listed twice");
            }
            contactPoints.add(contactPoint);
        }
        return ContactPointDirectory.of(contactPoints.toArray(ContactPoint[]::new));
    }

    private ContactPoint contactPoint(JsonNode node, String where) throws IOException {
        yaml.requireMap(node, where);
        String id = yaml.requiredText(node, where, "id");
        if (!ContactPoint.isValidId(id)) {
            throw yaml.error(where, "id '" + id + "' must be upper-case letters, digits and '-' (e.g. VN-ENV-POLICE)");
        }
        String entry = "contact point " + id;
        yaml.onlyKeys(node, ENTRY_KEYS, entry);
        String country = yaml.country(yaml.requiredText(node, entry, "country"), entry, "country");
        String endpointText = yaml.requiredText(node, entry, "endpoint");
        Optional<String> problem = Endpoints.problem(endpointText);
        if (problem.isPresent()) {
            throw yaml.error(entry, "endpoint " + problem.get());
        }
        URI endpoint = URI.create(endpointText);
        return new ContactPoint(id, yaml.text(node, entry, "name"), country, categories(node, entry), endpoint,
                encryptionCertificate(node, entry), credentials(node.get("credentials"), endpoint, entry));
    }

    private Set<Category> categories(JsonNode node, String entry) throws IOException {
        List<String> names = yaml.texts(node, entry, "categories");
        if (names.isEmpty()) {
            throw yaml.error(entry, "categories is required: the categories it handles, e.g. [WILDLIFE]");
        }
        Set<Category> categories = EnumSet.noneOf(Category.class);
        for (String name : names) {
            categories.add(category(yaml, name, entry));
        }
        return categories;
    }

    static Category category(ConfigYaml yaml, String name, String entry) throws IOException {
        for (Category category : Category.values()) {
            if (category.name().equals(name)) {
                return category;
            }
        }
        throw yaml.error(entry, "category '" + name + "' is not one of " + List.of(Category.values()));
    }

    private Optional<X509Certificate> encryptionCertificate(JsonNode node, String entry) throws IOException {
        String path = yaml.text(node, entry, "encryptionCertificate");
        if (path == null) {
            return Optional.empty();
        }
        Path file = yaml.base().resolve(path);
        if (!Files.isRegularFile(file)) {
            throw yaml.error(entry, "encryptionCertificate " + file + " is not a file");
        }
        X509Certificate certificate;
        try {
            certificate = CertificateFiles.certificate(file);
        } catch (IOException e) {
            throw yaml.error(entry, "encryptionCertificate: " + e.getMessage());
        }
        Optional<String> problem = ContactPoint.encryptionProblem(certificate);
        if (problem.isPresent()) {
            throw yaml.error(entry, "encryptionCertificate " + path + " " + problem.get());
        }
        return Optional.of(certificate);
    }

    private Credentials credentials(JsonNode node, URI endpoint, String entry) throws IOException {
        if (node == null || node.isNull()) {
            return Credentials.NONE;
        }
        String where = entry + " credentials";
        yaml.requireMap(node, where);
        yaml.onlyKeys(node, CREDENTIAL_KEYS, where);
        if (ContactPoint.Transport.of(endpoint).orElseThrow() != ContactPoint.Transport.HTTP) {
            throw yaml.error(where, "bearer tokens and client certificates apply to https:// endpoints only");
        }
        Optional<String> token = Optional.ofNullable(variable(node, where, "bearerTokenEnv"));
        String pkcs12 = yaml.text(node, where, "clientCertificate");
        String password = variable(node, where, "clientCertificatePasswordEnv");
        if ((pkcs12 == null) != (password == null)) {
            throw yaml.error(where, "clientCertificate (a PKCS#12 file) and clientCertificatePasswordEnv go together");
        }
        Optional<Credentials.ClientCertificate> client = Optional.empty();
        if (pkcs12 != null) {
            Path file = yaml.base().resolve(pkcs12);
            if (!Files.isRegularFile(file)) {
                throw yaml.error(where, "clientCertificate " + file + " is not a file");
            }
            client = Optional.of(new Credentials.ClientCertificate(file, password));
        }
        return new Credentials(token, client);
    }

    private String variable(JsonNode node, String where, String key) throws IOException {
        String name = yaml.text(node, where, key);
        if (name != null && !Credentials.isVariableName(name)) {
            throw yaml.error(where, key + " must be the NAME of an environment variable (upper case, digits, '_', "
                    + "e.g. DRAGONGATE_TOKEN_VN_ENV_POLICE), never the secret itself");
        }
        return name;
    }
}
