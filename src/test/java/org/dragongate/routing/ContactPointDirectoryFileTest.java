package org.dragongate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.dragongate.notice.Category;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * contact-points.yaml is read strictly, and only ever names secrets: a token or password written
 * into it would be committed, shown and logged.
 */
class ContactPointDirectoryFileTest {
    private static final String ENTRY = """
            contactPoints:
              - id: VN-ENV-POLICE
                name: Vietnam Environmental Police Department
                country: VN
                categories: [WILDLIFE]
                endpoint: %s
            %s""";

    @TempDir
    Path dir;

    /** Paths are relative to the file, as in partners.yaml, so the config folder can move as a whole. */
    @Test
    void readsAContactPointWithItsCertificateRelativeToTheFile() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.copy(TestPki.shared().contactPointFile(ExamplePki.VN_ENV_POLICE, "encryption.pem"), certs.resolve("vn-env.pem"));

        ContactPointDirectory directory = load(entry("https://env-police.example.vn/notices",
                "    encryptionCertificate: certs/vn-env.pem\n"));

        ContactPoint contactPoint = directory.find("VN-ENV-POLICE").orElseThrow();
        assertThat(contactPoint.name()).isEqualTo("Vietnam Environmental Police Department");
        assertThat(contactPoint.country()).isEqualTo("VN");
        assertThat(contactPoint.categories()).containsExactly(Category.WILDLIFE);
        assertThat(contactPoint.endpoint()).isEqualTo(URI.create("https://env-police.example.vn/notices"));
        assertThat(contactPoint.transport()).isEqualTo(ContactPoint.Transport.HTTP);
        assertThat(contactPoint.encryptionCertificate()).get()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).contains("Vietnam Environmental Police Department"));
        assertThat(contactPoint.credentials()).isEqualTo(Credentials.NONE);
        assertThat(directory.all()).extracting(ContactPoint::id).containsExactly("VN-ENV-POLICE");
        assertThat(directory.find("VN-DRUG-POLICE")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "sftp://sftp.example.vn:2222/inbound/dragongate, SFTP",
            "sftp://dragongate@sftp.example.vn/inbound, SFTP",
            "mailto:intel@env-police.example.vn, MAIL",
            "http://127.0.0.1:8480/contact-points/VN-ENV-POLICE, HTTP"})
    void acceptsEachKindOfEndpoint(String endpoint, ContactPoint.Transport transport) throws IOException {
        ContactPoint contactPoint = load(entry(endpoint, "")).find("VN-ENV-POLICE").orElseThrow();

        assertThat(contactPoint.transport()).isEqualTo(transport);
        assertThat(contactPoint.endpoint()).isEqualTo(URI.create(endpoint));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://env police.example.vn/     | is not a URI",
            "ftp://ftp.example.vn/in            | must start with https://, sftp:// or mailto:",
            "env-police.example.vn/notices      | must start with https://, sftp:// or mailto:",
            "http://env-police.example.vn/in    | uses http:// to a host other than this machine",
            "https://user:secret@cp.example.vn/ | carries a user name or password",
            "sftp://dg:secret@sftp.example.vn/in| carries a password",
            "sftp://sftp.example.vn             | names no folder",
            "mailto:a@cp.example.vn,b@cp.example.vn | exactly one mail address",
            "mailto:a@cp.example.vn?cc=x@y.example  | exactly one mail address"})
    void refusesBadEndpoint(String endpoint, String expected) {
        // A password in a URI is not repeated in the message: it would be logged.
        assertThat(refusal(entry(endpoint, ""))).contains("contact point VN-ENV-POLICE", "endpoint", expected).doesNotContain("secret");
    }

    @Test
    void refusesUnknownKey() {
        assertThat(refusal(entry("https://cp.example.vn/", "    encryptionCert: x.pem\n")))
                .contains(dir.resolve("contact-points.yaml").toString(), "contact point VN-ENV-POLICE",
                        "unknown key 'encryptionCert'", "encryptionCertificate");
    }

    @Test
    void refusesTheSameIdTwice() {
        String twice = entry("https://cp.example.vn/", "") + """
                  - id: VN-ENV-POLICE
                    country: VN
                    categories: [WILDLIFE]
                    endpoint: mailto:intel@env-police.example.vn
                """;

        assertThat(refusal(twice)).contains("contact point VN-ENV-POLICE", "the id is listed twice");
    }

    @Test
    void refusesCountryThatIsNotAnAssignedCode() {
        assertThat(refusal(entry("https://cp.example.vn/", "").replace("country: VN", "country: VNM")))
                .contains("contact point VN-ENV-POLICE", "country: 'VNM' is not an assigned ISO 3166-1 alpha-2 country code");
    }

    @Test
    void refusesIdOutsideTheIdAlphabet() {
        assertThat(refusal(entry("https://cp.example.vn/", "").replace("id: VN-ENV-POLICE", "id: ../vn")))
                .contains("contactPoints entry 1", "id '../vn' must be upper-case letters");
    }

    @Test
    void refusesContactPointWithoutCategories() {
        assertThat(refusal(entry("https://cp.example.vn/", "").replace("    categories: [WILDLIFE]\n", "")))
                .contains("contact point VN-ENV-POLICE", "categories is required");
    }

    /** Deliveries are encrypted for this certificate: a CA or a signing certificate there is a mix-up. */
    @Test
    void refusesCertificateThatCannotEncrypt() {
        Path ca = TestPki.shared().gatewayFile(ExamplePki.CA_CERT_FILE);
        Path signing = TestPki.shared().gatewayFile("signing.pem");

        assertThat(refusal(entry("https://cp.example.vn/", "    encryptionCertificate: " + ca + "\n")))
                .contains("contact point VN-ENV-POLICE", "is not an encryption certificate");
        assertThat(refusal(entry("https://cp.example.vn/", "    encryptionCertificate: " + signing + "\n")))
                .contains("contact point VN-ENV-POLICE", "is not an encryption certificate");
    }

    @Test
    void refusesMissingCertificateFile() {
        assertThat(refusal(entry("https://cp.example.vn/", "    encryptionCertificate: certs/missing.pem\n")))
                .contains("contact point VN-ENV-POLICE", "encryptionCertificate", dir.resolve("certs/missing.pem").toString(), "is not a file");
    }

    @Test
    void readsCredentialsAsNamesOfEnvironmentVariables() throws IOException {
        Path p12 = TestPki.shared().contactPointFile(ExamplePki.VN_ENV_POLICE, "encryption.p12");
        ContactPoint contactPoint = load(entry("https://cp.example.vn/", """
                    credentials:
                      bearerTokenEnv: DRAGONGATE_TOKEN_VN_ENV_POLICE
                      clientCertificate: %s
                      clientCertificatePasswordEnv: DRAGONGATE_VN_ENV_P12_PASSWORD
                """.formatted(p12))).find("VN-ENV-POLICE").orElseThrow();

        Credentials credentials = contactPoint.credentials();
        assertThat(credentials.bearerTokenVariable()).contains("DRAGONGATE_TOKEN_VN_ENV_POLICE");
        assertThat(credentials.clientCertificate()).get().satisfies(c -> {
            assertThat(c.pkcs12()).isEqualTo(p12);
            assertThat(c.passwordVariable()).isEqualTo("DRAGONGATE_VN_ENV_P12_PASSWORD");
        });
        Map<String, String> environment = Map.of("DRAGONGATE_TOKEN_VN_ENV_POLICE", "t0k3n",
                "DRAGONGATE_VN_ENV_P12_PASSWORD", "p12-password");
        assertThat(credentials.bearerToken(environment)).contains("t0k3n");
        assertThat(credentials.clientCertificate().orElseThrow().password(environment)).containsExactly("p12-password".toCharArray());
    }

    /** Sending without the token would be refused by the contact point at best; say which variable is missing. */
    @Test
    void unsetTokenVariableIsAnErrorNamingTheVariable() {
        Credentials credentials = new Credentials(Optional.of("DRAGONGATE_TOKEN_X"), Optional.empty());

        assertThatThrownBy(() -> credentials.bearerToken(Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DRAGONGATE_TOKEN_X");
    }

    /** The message must not repeat what looks like a secret: it would end up in the log. */
    @Test
    void refusesATokenWrittenWhereItsVariableNameBelongs() {
        String token = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.abc";

        String message = refusal(entry("https://cp.example.vn/", "    credentials:\n      bearerTokenEnv: " + token + "\n"));

        assertThat(message).contains("bearerTokenEnv must be the NAME of an environment variable").doesNotContain(token);
    }

    @Test
    void refusesClientCertificateWithoutItsPasswordVariable() {
        Path p12 = TestPki.shared().contactPointFile(ExamplePki.VN_ENV_POLICE, "encryption.p12");

        assertThat(refusal(entry("https://cp.example.vn/", "    credentials:\n      clientCertificate: " + p12 + "\n")))
                .contains("contact point VN-ENV-POLICE credentials", "go together");
    }

    @Test
    void refusesHttpCredentialsOnAMailEndpoint() {
        assertThat(refusal(entry("mailto:intel@cp.example.vn", "    credentials:\n      bearerTokenEnv: TOKEN\n")))
                .contains("apply to https:// endpoints only");
    }

    private static String entry(String endpoint, String more) {
        return ENTRY.formatted(endpoint, more);
    }

    private ContactPointDirectory load(String yaml) throws IOException {
        Path file = dir.resolve("contact-points.yaml");
        Files.writeString(file, yaml);
        return ContactPointDirectoryFile.load(file);
    }

    private String refusal(String yaml) {
        IOException refused = catchThrowableOfType(IOException.class, () -> load(yaml));
        assertThat(refused).as("loading should fail").isNotNull();
        return refused.getMessage();
    }
}
