package org.dragongate.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dragongate.pki.ExamplePki;
import org.dragongate.routing.ContactPoint;
import org.dragongate.routing.ContactPointDirectory;
import org.dragongate.routing.ContactPointDirectoryFile;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped contact-points file becomes the database's contact-point directory on the first start, once, as the file says. */
class ContactPointBootstrapTest {
    private static final Path SHIPPED = Path.of("config", "contact-points.yaml");

    @TempDir
    Path temp;

    private final FakeTime clock = new FakeTime(java.time.Instant.now());

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theFileIsImportedOnceAndLoadsAsTheFileReadsAudited(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, temp)) {
            ContactPointBootstrap bootstrap = new ContactPointBootstrap(db, new AuditTrail(clock), clock);
            ContactPointBootstrap.Result result = bootstrap.importIfEmpty(SHIPPED).orElseThrow();
            assertThat(bootstrap.importIfEmpty(SHIPPED)).as("the second start finds it filled").isEmpty();

            ContactPointDirectory file = ContactPointDirectoryFile.load(SHIPPED);
            ContactPointDirectory loaded = new ContactPointRegistry(db, new AuditTrail(clock), clock).load();
            assertThat(result.contactPoints()).isEqualTo(file.all().size());
            for (ContactPoint expected : file.all()) {
                ContactPoint actual = loaded.find(expected.id()).orElseThrow();
                assertThat(actual).usingRecursiveComparison().ignoringFields("credentials").isEqualTo(expected);
                assertThat(actual.credentials().bearerTokenVariable()).isEqualTo(expected.credentials().bearerTokenVariable());
            }
            assertThat(loaded.all()).extracting(ContactPoint::id).containsAll(ExamplePki.CONTACT_POINT_IDS);
            assertThat(new org.dragongate.store.AuditChain(db).latest(ContactPointRegistry.subject(ExamplePki.RILO_AP), 10))
                    .isNotEmpty().allSatisfy(record -> assertThat(record.actor()).isEqualTo(FirstStart.ACTOR));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aFileWithAContactPointAlreadyRegisteredImportsNothing(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, temp)) {
            new ContactPointRegistry(db, new AuditTrail(clock), clock).add(new NewContactPoint(ExamplePki.RILO_AP, null, "KR",
                    java.util.Set.of(org.dragongate.notice.Category.WILDLIFE), "mailto:rilo@example.org", null, null, null), "admin");
            ContactPointBootstrap bootstrap = new ContactPointBootstrap(db, new AuditTrail(clock), clock);

            assertThatThrownBy(() -> bootstrap.importFile(SHIPPED, "admin")).isInstanceOfSatisfying(DirectoryException.class,
                    e -> assertThat(e.problem()).isEqualTo(DirectoryException.Problem.CONTACT_POINT_EXISTS));
            assertThat(new ContactPointRegistry(db, new AuditTrail(clock), clock).list()).hasSize(1);
            Path broken = Files.writeString(temp.resolve("broken.yaml"), "contactPoints:\n  - id: kr\n");
            assertThatThrownBy(() -> bootstrap.importFile(broken, "admin")).isInstanceOf(IOException.class).hasMessageContaining("broken.yaml");
        }
    }
}
