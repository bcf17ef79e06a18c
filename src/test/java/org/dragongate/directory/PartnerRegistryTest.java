package org.dragongate.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.dragongate.directory.DirectoryException.Problem;
import org.dragongate.directory.PartnerCertificates.ImportOptions;
import org.dragongate.store.AuditChain;
import org.dragongate.store.AuditEvent;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.AuditTrail.AuditRecord;
import org.dragongate.store.Database;
import org.dragongate.testing.DirectoryFiles;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestCertificates.Authority;
import org.dragongate.testing.TestCertificates.Issued;
import org.dragongate.testing.TestDatabases;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The partner directory in the database, on each database: every change audited, and what the gateway loads from it. */
class PartnerRegistryTest {
    private static final String CN = "CN-GACC";
    private static final String ADMIN = "admin alice@console";
    private static final char[] PASSWORD = "p12-secret".toCharArray();

    @TempDir
    Path temp;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final FakeTime clock = new FakeTime(start);

    /** The registry on a fresh database of that kind, with partner CN-GACC registered. */
    private record Fixture(Database db, PartnerRegistry registry, PartnerCertificates certificates) implements AutoCloseable {
        List<AuditRecord> audit() throws SQLException {
            return new AuditChain(db).latest(PartnerRegistry.subject(CN), 100);
        }

        @Override
        public void close() {
            db.close();
        }
    }

    private Fixture open(String kind) throws SQLException {
        Database db = TestDatabases.open(kind, temp);
        PartnerRegistry registry = new PartnerRegistry(db, new AuditTrail(clock), clock);
        registry.add(new NewPartner(CN, "General Administration of Customs", "CN", null, Set.of("Intel@CN-GACC.example"), false), ADMIN);
        return new Fixture(db, registry, registry.certificates());
    }

    private Authority authority() {
        return TestCertificates.authority("Partner CA " + System.nanoTime(), temp.resolve("pki"));
    }

    private static byte[] bytes(Path file) throws Exception {
        return Files.readAllBytes(file);
    }

    private static void assertRefused(Problem problem, org.assertj.core.api.ThrowableAssert.ThrowingCallable change) {
        assertThatThrownBy(change).isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }

    private Partner loaded(Fixture f) throws SQLException {
        return f.registry().load().find(CN).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void anAddedPartnerIsListedShownAndAuditedWithItsActor(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            PartnerRecord partner = f.registry().show(CN);

            assertThat(f.registry().list()).containsExactly(partner);
            assertThat(partner).satisfies(p -> {
                assertThat(p.name()).isEqualTo("General Administration of Customs");
                assertThat(p.country()).isEqualTo("CN");
                assertThat(p.sftpAccount()).as("the account defaults to the id, the inbox folder's name").isEqualTo(CN);
                assertThat(p.status()).isEqualTo(PartnerRecord.ACTIVE);
                assertThat(p.mailAddresses()).containsExactly("intel@cn-gacc.example");
            });
            assertThat(f.audit()).singleElement().satisfies(record -> {
                assertThat(record.actor()).isEqualTo(ADMIN);
                assertThat(record.event()).isEqualTo(AuditEvent.ADMIN_ACTION.name());
                assertThat(record.detail()).startsWith("partner CN-GACC added: name 'General Administration of Customs', country CN")
                        .contains("intel@cn-gacc.example");
            });
            assertThat(f.registry().load().find(CN)).get().satisfies(p -> assertThat(p.mailAddresses()).containsExactly("intel@cn-gacc.example"));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aPartnerOrAMailAddressIsRegisteredOnlyOnce(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            assertRefused(Problem.PARTNER_EXISTS, () -> f.registry().add(new NewPartner(CN, null, null, null, Set.of(), false), ADMIN));
            assertThatThrownBy(() -> f.registry().add(new NewPartner("HK-CED", null, null, null, Set.of("intel@cn-gacc.example"), false), ADMIN))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> {
                        assertThat(e.problem()).isEqualTo(Problem.MAIL_ADDRESS_TAKEN);
                        assertThat(e.getMessage()).isEqualTo("mail address intel@cn-gacc.example already belongs to partner CN-GACC");
                    });
            assertThat(f.registry().list()).as("the refused partner left nothing behind").hasSize(1);
            assertRefused(Problem.UNKNOWN_PARTNER, () -> f.registry().show("XX-NONE"));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aSuspendedPartnerIsAbsentFromTheLoadedDirectoryUntilResumed(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            f.registry().suspend(CN, "contract under review", ADMIN);

            assertThat(f.registry().load().find(CN)).isEmpty();
            assertThat(f.registry().show(CN).status()).isEqualTo(PartnerRecord.SUSPENDED);

            f.registry().resume(CN, "admin bob@console");

            assertThat(f.registry().load().find(CN)).isPresent();
            assertThat(f.audit()).extracting(AuditRecord::actor, AuditRecord::detail).endsWith(
                    org.assertj.core.groups.Tuple.tuple(ADMIN, "partner CN-GACC suspended: contract under review"),
                    org.assertj.core.groups.Tuple.tuple("admin bob@console", "partner CN-GACC resumed"));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aPemChainPinsItsSignerAndACaFileBecomesATrustAnchor(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Authority ca = authority();
            Issued signer = ca.endEntity("Signer").issue("signer");

            var pinned = f.certificates().importCertificate(CN, bytes(signer.certificateFile()), "signer.pem", null, ImportOptions.DEFAULTS, ADMIN);
            var anchored = f.certificates().importCertificate(CN, bytes(ca.certificateFile()), "ca.pem", null, ImportOptions.DEFAULTS, ADMIN);

            assertThat(pinned.certificates()).singleElement().satisfies(record -> {
                assertThat(record.kind()).isEqualTo(CertificateKind.PINNED);
                assertThat(record.sha256()).isEqualTo(org.dragongate.crypto.Certificates.fingerprint(signer.certificate()));
                assertThat(record.serial()).isEqualTo(signer.certificate().getSerialNumber().toString(16));
                assertThat(record.useFrom()).isEqualTo(signer.certificate().getNotBefore().toInstant());
                assertThat(record.useUntil()).isEqualTo(signer.certificate().getNotAfter().toInstant());
            });
            assertThat(anchored.certificates()).singleElement().extracting(CertificateRecord::kind).isEqualTo(CertificateKind.TRUST_ANCHOR);
            assertThat(loaded(f).pinnedCertificates()).containsExactly(signer.certificate());
            assertThat(loaded(f).trustAnchors()).containsExactly(ca.certificate());
            assertThat(f.audit()).last().satisfies(record -> {
                assertThat(record.actor()).isEqualTo(ADMIN);
                assertThat(record.detail()).startsWith("certificate imported for partner CN-GACC: anchor ")
                        .contains("sha256 " + anchored.certificates().get(0).sha256());
            });
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void derAndPkcs7ChainsAreReadAndTheKindPicksFromTheChain(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Authority ca = authority();
            Issued signer = ca.endEntity("Signer").issue("signer");
            Path der = DirectoryFiles.der(signer.certificate(), temp.resolve("signer.der"));
            Path p7b = DirectoryFiles.pkcs7(signer.chain(), temp.resolve("chain.p7b"));

            var fromDer = f.certificates().importCertificate(CN, bytes(der), "signer.der", null, ImportOptions.DEFAULTS, ADMIN);
            var anchorFromChain = f.certificates().importCertificate(CN, bytes(p7b), "chain.p7b", null,
                    new ImportOptions(CertificateKind.TRUST_ANCHOR, UseWindow.VALIDITY, false), ADMIN);

            assertThat(fromDer.certificates()).singleElement().extracting(CertificateRecord::kind).isEqualTo(CertificateKind.PINNED);
            assertThat(anchorFromChain.certificates()).as("from a chain, only the CA becomes an anchor")
                    .singleElement().extracting(CertificateRecord::subject).isEqualTo(ca.certificate().getSubjectX500Principal().getName());
            assertThat(f.certificates().list(CN)).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aPkcs12GivesItsCertificateWithTheRightPasswordOnly(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Issued signer = authority().endEntity("Signer").issue("signer");
            byte[] p12 = bytes(DirectoryFiles.pkcs12(signer, PASSWORD, temp.resolve("signer.p12")));

            assertRefused(Problem.PASSWORD_REQUIRED,
                    () -> f.certificates().importCertificate(CN, p12, "signer.p12", null, ImportOptions.DEFAULTS, ADMIN));
            assertThatThrownBy(() -> f.certificates().importCertificate(CN, p12, "signer.p12", "wrong".toCharArray(), ImportOptions.DEFAULTS, ADMIN))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> {
                        assertThat(e.problem()).isEqualTo(Problem.WRONG_PASSWORD);
                        assertThat(e.getMessage()).isEqualTo("wrong password for the PKCS#12 file signer.p12");
                    });
            var imported = f.certificates().importCertificate(CN, p12, "signer.p12", PASSWORD, ImportOptions.DEFAULTS, ADMIN);

            assertThat(imported.certificates()).singleElement().extracting(CertificateRecord::kind).isEqualTo(CertificateKind.PINNED);
            assertThat(loaded(f).pinnedCertificates()).containsExactly(signer.certificate());
            assertThat(f.audit()).allSatisfy(record -> assertThat(record.detail()).doesNotContain(new String(PASSWORD)));
        }
    }

    /** Nobody should hand a partner's private key to the gateway, and the gateway must never store one. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aPrivateKeyWhereACertificateIsExpectedIsRefusedByName(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Issued signer = authority().endEntity("Signer").issue("signer");
            byte[] pem = bytes(signer.keyFile());
            byte[] der = signer.privateKey().getEncoded();

            for (byte[] key : List.of(pem, der)) {
                assertThatThrownBy(() -> f.certificates().importCertificate(CN, key, "signer-key", null, ImportOptions.DEFAULTS, ADMIN))
                        .isInstanceOfSatisfying(DirectoryException.class, e -> {
                            assertThat(e.problem()).isEqualTo(Problem.PRIVATE_KEY);
                            assertThat(e.getMessage()).startsWith("signer-key holds a private key; import the partner's certificate");
                        });
            }
            assertRefused(Problem.NOT_A_CERTIFICATE,
                    () -> f.certificates().importCertificate(CN, "hello".getBytes(), "notes.txt", null, ImportOptions.DEFAULTS, ADMIN));
            assertThat(f.certificates().list(CN)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void anExpiredCertificateIsRefusedUnlessAllowedAndThenNeverLoaded(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Issued expired = authority().endEntity("Old Signer").validity(start.minus(400, ChronoUnit.DAYS), start.minus(10, ChronoUnit.DAYS))
                    .issue("old");
            byte[] pem = bytes(expired.certificateFile());

            assertThatThrownBy(() -> f.certificates().importCertificate(CN, pem, "old.pem", null, ImportOptions.DEFAULTS, ADMIN))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> {
                        assertThat(e.problem()).isEqualTo(Problem.EXPIRED);
                        assertThat(e.getMessage()).contains("expired on " + start.minus(10, ChronoUnit.DAYS)).contains("--allow-expired");
                    });
            var kept = f.certificates().importCertificate(CN, pem, "old.pem", null, new ImportOptions(null, UseWindow.VALIDITY, true), ADMIN);

            assertThat(kept.warnings()).singleElement().asString().contains("expired on").contains("never accepted");
            assertThat(kept.certificates()).hasSize(1);
            assertThat(loaded(f).pinnedCertificates()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theSameCertificateTwiceIsADuplicateAndTheRefusalWritesNothing(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            byte[] pem = bytes(authority().endEntity("Signer").issue("signer").certificateFile());
            f.certificates().importCertificate(CN, pem, "signer.pem", null, ImportOptions.DEFAULTS, ADMIN);
            int records = f.audit().size();

            assertThatThrownBy(() -> f.certificates().importCertificate(CN, pem, "again.pem", null, ImportOptions.DEFAULTS, ADMIN))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> {
                        assertThat(e.problem()).isEqualTo(Problem.DUPLICATE);
                        assertThat(e.getMessage()).contains("is already registered for partner CN-GACC (ACTIVE)");
                    });
            assertThat(f.audit()).hasSize(records);
            assertThat(f.certificates().list(CN)).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aWindowOfUseMustLieWithinTheCertificatesValidity(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Issued signer = authority().endEntity("Signer").issue("signer");
            byte[] pem = bytes(signer.certificateFile());
            Instant notAfter = signer.certificate().getNotAfter().toInstant();

            for (UseWindow window : List.of(new UseWindow(null, notAfter.plusSeconds(1)), new UseWindow(start.minus(30, ChronoUnit.DAYS), null),
                    new UseWindow(start.plusSeconds(60), start))) {
                assertRefused(Problem.WINDOW_OUTSIDE_VALIDITY,
                        () -> f.certificates().importCertificate(CN, pem, "signer.pem", null, new ImportOptions(null, window, false), ADMIN));
            }
        }
    }

    /** A rollover: the new certificate starts being accepted before the old one stops, and the old one stops on the agreed date. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void certificatesAreLoadedOnlyInsideTheirWindowsSoOverlappingWindowsAreARollover(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Authority ca = authority();
            Issued old = ca.endEntity("Signer 2025").issue("old");
            Issued next = ca.endEntity("Signer 2026").issue("next");
            Instant newFrom = start.plus(10, ChronoUnit.DAYS);
            Instant oldUntil = start.plus(20, ChronoUnit.DAYS);
            f.certificates().importCertificate(CN, bytes(old.certificateFile()), "old.pem", null,
                    new ImportOptions(null, new UseWindow(null, oldUntil), false), ADMIN);
            f.certificates().importCertificate(CN, bytes(next.certificateFile()), "next.pem", null,
                    new ImportOptions(CertificateKind.PINNED, new UseWindow(newFrom, null), false), ADMIN);

            assertThat(loaded(f).pinnedCertificates()).as("before the rollover").containsExactly(old.certificate());
            clock.set(newFrom);
            assertThat(loaded(f).pinnedCertificates()).as("during the overlap").containsExactlyInAnyOrder(old.certificate(), next.certificate());
            clock.set(oldUntil);
            assertThat(loaded(f).pinnedCertificates()).as("from the agreed date").containsExactly(next.certificate());
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aRevokedCertificateIsNoLongerLoadedAndARemovedOneIsGoneButAudited(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Authority ca = authority();
            String revoked = f.certificates().importCertificate(CN, bytes(ca.endEntity("A").issue("a").certificateFile()), "a.pem", null,
                    ImportOptions.DEFAULTS, ADMIN).certificates().get(0).sha256();
            String removed = f.certificates().importCertificate(CN, bytes(ca.endEntity("B").issue("b").certificateFile()), "b.pem", null,
                    ImportOptions.DEFAULTS, ADMIN).certificates().get(0).sha256();

            CertificateRecord afterRevoke = f.certificates().revoke(CN, revoked.substring(0, 12).toUpperCase(), "key compromise", ADMIN);
            f.certificates().remove(CN, removed, ADMIN);

            assertThat(afterRevoke.status()).isEqualTo(CertificateRecord.REVOKED);
            assertThat(afterRevoke.revokedReason()).isEqualTo("key compromise");
            assertThat(afterRevoke.revokedAt()).isEqualTo(start);
            assertThat(f.certificates().list(CN)).extracting(CertificateRecord::sha256).containsExactly(revoked);
            assertThat(loaded(f).pinnedCertificates()).isEmpty();
            assertThat(f.audit()).extracting(AuditRecord::detail).anySatisfy(d -> assertThat(d)
                            .startsWith("certificate revoked for partner CN-GACC").endsWith("reason: key compromise"))
                    .anySatisfy(d -> assertThat(d).startsWith("certificate removed for partner CN-GACC").contains(removed));
            assertRefused(Problem.ALREADY_REVOKED, () -> f.certificates().revoke(CN, revoked, "again", ADMIN));
            assertRefused(Problem.UNKNOWN_CERTIFICATE, () -> f.certificates().remove(CN, removed, ADMIN));
            assertRefused(Problem.INVALID_INPUT, () -> f.certificates().remove(CN, "abc", ADMIN));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aNewerCrlReplacesTheOlderOfItsIssuerAndAnOlderOrTheSameIsRefused(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            KeyPair keys = DirectoryFiles.rsaKeys();
            String issuer = "CN=Partner CA,O=Tests";
            byte[] first = bytes(DirectoryFiles.crl(issuer, keys, start.minus(2, ChronoUnit.DAYS), temp.resolve("1.crl")));
            byte[] second = bytes(DirectoryFiles.crl(issuer, keys, start.minus(1, ChronoUnit.DAYS), temp.resolve("2.crl")));

            f.certificates().importCrl(CN, first, "1.crl", ADMIN);
            CrlRecord newer = f.certificates().importCrl(CN, second, "2.crl", ADMIN);

            assertThat(f.certificates().crls(CN)).containsExactly(newer);
            assertThat(newer.thisUpdate()).isEqualTo(start.minus(1, ChronoUnit.DAYS));
            assertThat(newer.nextUpdate()).isEqualTo(start.plus(29, ChronoUnit.DAYS));
            assertThat(loaded(f).crls()).singleElement().satisfies(crl -> assertThat(crl.getEncoded()).isEqualTo(second));
            assertThat(f.audit()).last().extracting(AuditRecord::detail).asString().contains("replaces 1 older");
            assertRefused(Problem.STALE_CRL, () -> f.certificates().importCrl(CN, first, "1.crl", ADMIN));
            assertRefused(Problem.DUPLICATE, () -> f.certificates().importCrl(CN, second, "2.crl", ADMIN));
            assertRefused(Problem.NOT_A_CRL, () -> f.certificates().importCrl(CN, "x".getBytes(), "x.crl", ADMIN));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void changesToAnUnknownPartnerAreRefused(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            byte[] pem = bytes(authority().endEntity("Signer").issue("signer").certificateFile());

            assertRefused(Problem.UNKNOWN_PARTNER,
                    () -> f.certificates().importCertificate("XX-NONE", pem, "signer.pem", null, ImportOptions.DEFAULTS, ADMIN));
            assertRefused(Problem.UNKNOWN_PARTNER, () -> f.registry().suspend("XX-NONE", null, ADMIN));
        }
    }

    /** A revoked or out-of-window certificate is never trusted, but the directory keeps it so the refusal can name it. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void certificatesOutOfUseComeAlongSoTheirSignersAreRefusedByName(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Authority ca = authority();
            Issued old = ca.endEntity("Old Signer").issue("old");
            Issued revoked = ca.endEntity("Revoked Signer").issue("revoked");
            Instant oldUntil = start.plus(1, ChronoUnit.DAYS);
            f.certificates().importCertificate(CN, bytes(old.certificateFile()), "old.pem", null,
                    new ImportOptions(CertificateKind.PINNED, new UseWindow(null, oldUntil), false), ADMIN);
            String sha = f.certificates().importCertificate(CN, bytes(revoked.certificateFile()), "revoked.pem", null,
                    new ImportOptions(CertificateKind.PINNED, UseWindow.VALIDITY, false), ADMIN).certificates().get(0).sha256();
            f.certificates().revoke(CN, sha, "key compromise", ADMIN);
            clock.set(oldUntil.plusSeconds(1));

            Partner partner = loaded(f);

            assertThat(partner.pinnedCertificates()).isEmpty();
            assertThat(partner.outOfUse()).extracting(o -> o.certificate().getSerialNumber())
                    .containsExactlyInAnyOrder(old.certificate().getSerialNumber(), revoked.certificate().getSerialNumber());
            org.dragongate.trust.SignerTrust trust = new org.dragongate.trust.SignerTrust(f.registry().load(), clock);
            assertThatThrownBy(() -> trust.establish(revoked.certificate(), List.of(), CN)).isInstanceOfSatisfying(
                    org.dragongate.refusal.PackageRejected.class, e -> {
                        assertThat(e.reason()).isEqualTo(org.dragongate.refusal.RejectReason.SIGNER_CERTIFICATE_REVOKED);
                        assertThat(e.getMessage()).contains(sha.substring(0, 16), "revoked by the gateway administrators on " + start);
                    });
            assertThatThrownBy(() -> trust.establish(old.certificate(), List.of(), CN)).isInstanceOfSatisfying(
                    org.dragongate.refusal.PackageRejected.class, e -> assertThat(e.reason())
                            .isEqualTo(org.dragongate.refusal.RejectReason.SIGNER_CERTIFICATE_OUTSIDE_USE_WINDOW));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theLoadedDirectoryIsWhatTheGatewayChecksSignersAgainst(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            Authority ca = authority();
            f.certificates().importCertificate(CN, bytes(ca.certificateFile()), "ca.pem", null, ImportOptions.DEFAULTS, ADMIN);
            Issued signer = ca.endEntity("Signer").issue("signer");
            PartnerDirectory directory = f.registry().load();

            Partner partner = new org.dragongate.trust.SignerTrust(directory, clock).establish(signer.certificate(), List.of(), CN);

            assertThat(partner.id()).isEqualTo(CN);
        }
    }
}
