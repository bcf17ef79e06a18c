package org.dragongate.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.AuditChain;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.AuditTrail.AuditRecord;
import org.dragongate.store.Database;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TestPki;
import org.dragongate.trust.Partner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The partners file imported into the database: once, whole or not at all, audited as the bootstrap. */
class PartnerBootstrapTest {
    @TempDir
    Path temp;

    private final Clock clock = Clock.systemUTC();

    private Path partnersFile() throws Exception {
        TestPki pki = TestPki.shared();
        String yaml = "partners:\n"
                + "  - id: CN-GACC\n    name: China Customs\n    country: CN\n"
                + "    trustAnchors: ['" + pki.partnerFile("CN-GACC", ExamplePki.CA_CERT_FILE) + "']\n"
                + "    mailAddresses: [Intel@CN-GACC.example]\n"
                + "  - id: HK-CED\n    country: HK\n"
                + "    trustAnchors: ['" + pki.partnerFile("HK-CED", ExamplePki.CA_CERT_FILE) + "']\n"
                + "    crls: ['" + pki.partnerFile("HK-CED", ExamplePki.CA_CRL_FILE) + "']\n";
        return Files.writeString(temp.resolve("partners.yaml"), yaml);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void anEmptyDirectoryImportsTheFileOnceAndTheGatewayLoadsIt(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, temp)) {
            PartnerBootstrap bootstrap = new PartnerBootstrap(db, new AuditTrail(clock), clock);
            Path file = partnersFile();

            var first = bootstrap.importIfEmpty(file);
            var second = bootstrap.importIfEmpty(file);

            assertThat(first).get().isEqualTo(new PartnerBootstrap.Result(2, 2, 1, java.util.List.of()));
            assertThat(second).as("a directory with partners is never overwritten from the file").isEmpty();
            PartnerRegistry registry = new PartnerRegistry(db, new AuditTrail(clock), clock);
            assertThat(registry.show("CN-GACC")).satisfies(p -> {
                assertThat(p.name()).isEqualTo("China Customs");
                assertThat(p.country()).isEqualTo("CN");
                assertThat(p.mailAddresses()).containsExactly("intel@cn-gacc.example");
            });
            Partner hk = registry.load().find("HK-CED").orElseThrow();
            assertThat(hk.trustAnchors()).isEqualTo(TestPki.shared().partner("HK-CED").trustAnchors());
            assertThat(hk.crls()).isEqualTo(TestPki.shared().partner("HK-CED").crls());
            assertThat(new AuditChain(db).latest(100)).hasSize(5).allSatisfy(record -> assertThat(record.actor()).isEqualTo(PartnerBootstrap.ACTOR))
                    .extracting(AuditRecord::subject).containsOnly("partner:CN-GACC", "partner:HK-CED");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aFileWithAPartnerAlreadyRegisteredImportsNothing(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, temp)) {
            PartnerRegistry registry = new PartnerRegistry(db, new AuditTrail(clock), clock);
            registry.add(new NewPartner("HK-CED", null, null, null, Set.of(), false), "admin");

            assertThatThrownBy(() -> new PartnerBootstrap(db, new AuditTrail(clock), clock).importFile(partnersFile(), "admin"))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.problem()).isEqualTo(DirectoryException.Problem.PARTNER_EXISTS));
            assertThat(registry.list()).extracting(PartnerRecord::id).containsExactly("HK-CED");
            assertThat(new AuditChain(db).latest(100)).hasSize(1);
        }
    }
}
