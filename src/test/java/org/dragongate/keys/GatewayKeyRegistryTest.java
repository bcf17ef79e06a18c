package org.dragongate.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.dragongate.crypto.Certificates;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.keys.GatewayKeyException.Problem;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.AuditChain;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.testing.DirectoryFiles;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestDatabases;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The gateway's keys in the database, on each database: a rollover's states, what the gateway loads, and keys never stored in plain. */
class GatewayKeyRegistryTest {
    private static final String ADMIN = "admin bob@console";
    private static final char[] KEY_PASSWORD = "store-secret".toCharArray();

    @TempDir
    Path temp;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final FakeTime clock = new FakeTime(start);

    private record Fixture(Database db, GatewayKeyRegistry registry, List<GatewayKeyRecord> bootstrapped) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    /** A database whose keys were imported from the example key files, as on the gateway's first start. */
    private Fixture open(String kind) throws Exception {
        Database db = TestDatabases.open(kind, temp);
        TestPki pki = TestPki.shared();
        List<GatewayKeyRecord> imported = new GatewayKeyBootstrap(db, new AuditTrail(clock), clock, ExamplePki.DEMO_PASSWORD.toCharArray())
                .importIfEmpty(List.of(pki.gatewayFile("encryption.p12")), pki.gatewayFile("signing.p12")).orElseThrow();
        return new Fixture(db, new GatewayKeyRegistry(db, new AuditTrail(clock), clock, ExamplePki.DEMO_PASSWORD.toCharArray()), imported);
    }

    private static void assertRefused(Problem problem, org.assertj.core.api.ThrowableAssert.ThrowingCallable change) {
        assertThatThrownBy(change).isInstanceOfSatisfying(GatewayKeyException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void theFirstStartImportsTheKeyFilesOnceAsActiveKeys(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            assertThat(f.bootstrapped()).extracting(GatewayKeyRecord::purpose, GatewayKeyRecord::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(KeyPurpose.DECRYPTION, GatewayKeyRecord.ACTIVE),
                    org.assertj.core.groups.Tuple.tuple(KeyPurpose.SIGNING, GatewayKeyRecord.ACTIVE));
            assertThat(f.bootstrapped().get(0).sha256()).isEqualTo(Certificates.fingerprint(TestPki.shared().gatewayCertificate()));
            TestPki pki = TestPki.shared();
            assertThat(new GatewayKeyBootstrap(f.db(), new AuditTrail(clock), clock, ExamplePki.DEMO_PASSWORD.toCharArray())
                    .importIfEmpty(List.of(pki.gatewayFile("encryption-ec.p12")), pki.gatewayFile("signing.p12"))).as("not empty any more").isEmpty();
            assertThat(new AuditChain(f.db()).latest(GatewayKeyRegistry.SUBJECT, 10)).hasSize(2)
                    .allSatisfy(record -> assertThat(record.actor()).isEqualTo("bootstrap"));
        }
    }

    /** The rollover: old and new decryption keys both open during the overlap, the newest signing key signs, retiring ends the old. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void aRolloverActivatesTheNewKeysBesideTheOldAndRetiresTheOld(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            String oldDecryption = f.bootstrapped().get(0).sha256();
            GatewayKeyRecord decryption = f.registry().generate(KeyPurpose.DECRYPTION, "ec", "Gateway 2027", Duration.ofDays(365), ADMIN);
            GatewayKeyRecord signing = f.registry().generate(KeyPurpose.SIGNING, "rsa", "Gateway signing 2027", Duration.ofDays(365), ADMIN);
            assertThat(decryption.status()).isEqualTo(GatewayKeyRecord.PENDING);
            assertThat(decryption.algorithm()).isEqualTo("EC P-256");
            assertThat(signing.algorithm()).isEqualTo("RSA 3072");
            assertThat(f.registry().load().decryption().active()).as("pending keys are not used").hasSize(1);

            clock.set(start.plusSeconds(60));
            f.registry().activate(decryption.sha256().substring(0, 10), ADMIN);
            f.registry().activate(signing.sha256(), ADMIN);
            Keyring overlap = f.registry().load();
            assertThat(overlap.decryption().active()).extracting(key -> Certificates.fingerprint(key.certificate()))
                    .containsExactly(decryption.sha256(), oldDecryption);
            assertThat(Certificates.fingerprint(overlap.signing().certificate())).as("only the newest signs").isEqualTo(signing.sha256());
            assertThat(overlap.decryption().active().get(0).certificate().getKeyUsage()[4]).as("EC: key agreement").isTrue();

            f.registry().retire(oldDecryption, "rollover done", ADMIN);
            Keyring after = f.registry().load();
            assertThat(after.decryption().active()).extracting(key -> Certificates.fingerprint(key.certificate())).containsExactly(decryption.sha256());
            assertThat(after.decryption().retired()).singleElement()
                    .satisfies(retired -> assertThat(Certificates.fingerprint(retired.certificate())).isEqualTo(oldDecryption));
            assertRefused(Problem.LAST_ACTIVE_KEY, () -> f.registry().retire(decryption.sha256(), null, ADMIN));
            assertRefused(Problem.WRONG_STATE, () -> f.registry().retire(oldDecryption, null, ADMIN));
            assertRefused(Problem.WRONG_STATE, () -> f.registry().activate(oldDecryption, ADMIN));
            f.registry().retire(f.bootstrapped().get(1).sha256(), null, ADMIN);
            assertRefused(Problem.LAST_ACTIVE_KEY, () -> f.registry().retire(signing.sha256(), null, ADMIN));
            assertThat(new AuditChain(f.db()).latest(GatewayKeyRegistry.SUBJECT, 20)).filteredOn(record -> record.actor().equals(ADMIN)).hasSize(6);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void anImportedKeyIsCheckedAndStoredOnlyEncrypted(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            var ca = TestCertificates.authority("Gateway import CA", temp.resolve("pki"));
            var issued = ca.endEntity("Gateway decryption 2027").keyUsage(KeyUsage.keyEncipherment).issue("gw-2027");
            byte[] p12 = Files.readAllBytes(DirectoryFiles.pkcs12(issued, "p12-secret".toCharArray(), temp.resolve("gw.p12")));
            byte[] certificateOnly = certificateOnly(issued.certificate(), "p12-secret".toCharArray());

            assertRefused(Problem.WRONG_PASSWORD, () -> f.registry().importKey(KeyPurpose.DECRYPTION, p12, "gw.p12", "wrong".toCharArray(), ADMIN));
            assertRefused(Problem.UNSUITABLE_KEY, () -> f.registry().importKey(KeyPurpose.SIGNING, p12, "gw.p12", "p12-secret".toCharArray(), ADMIN));
            assertRefused(Problem.PRIVATE_KEY_MISSING, () -> f.registry().importKey(KeyPurpose.DECRYPTION, certificateOnly, "cert-only.p12",
                    "p12-secret".toCharArray(), ADMIN));
            GatewayKeyRecord imported = f.registry().importKey(KeyPurpose.DECRYPTION, p12, "gw.p12", "p12-secret".toCharArray(), ADMIN);
            assertRefused(Problem.DUPLICATE, () -> f.registry().importKey(KeyPurpose.DECRYPTION, p12, "gw.p12", "p12-secret".toCharArray(), ADMIN));
            assertThat(imported.source()).isEqualTo("imported from gw.p12");

            byte[] stored = keyStore(f.db(), imported.sha256());
            byte[] plainKey = issued.privateKey().getEncoded();
            assertThat(indexOf(stored, java.util.Arrays.copyOfRange(plainKey, plainKey.length - 32, plainKey.length))).as("no plain key bytes").isNegative();
            assertRefused(Problem.WRONG_PASSWORD, () -> KeyStores.open(stored, KEY_PASSWORD, "stored"));
            KeyMaterial opened = KeyStores.open(stored, ExamplePki.DEMO_PASSWORD.toCharArray(), "stored");
            assertThat(opened.privateKey().getEncoded()).isEqualTo(plainKey);
            f.registry().activate(imported.sha256(), ADMIN);
            assertRefused(Problem.UNREADABLE_KEY_STORE, () -> new GatewayKeyRegistry(f.db(), new AuditTrail(clock), clock, KEY_PASSWORD).load());
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void listingAndExportingNeedNoPasswordButStoringDoes(String kind) throws Exception {
        try (Fixture f = open(kind)) {
            GatewayKeyRegistry reader = new GatewayKeyRegistry(f.db(), new AuditTrail(clock), clock, null);
            assertThat(reader.list()).hasSize(2);
            assertThat(reader.certificate(f.bootstrapped().get(0).sha256().substring(0, 8))).isEqualTo(TestPki.shared().gatewayCertificate());
            assertRefused(Problem.PASSWORD_REQUIRED, () -> reader.generate(KeyPurpose.SIGNING, "ec", "x", Duration.ofDays(1), ADMIN));
            assertRefused(Problem.UNKNOWN_KEY, () -> reader.show("0123456789abcdef"));
            assertRefused(Problem.INVALID_INPUT, () -> reader.show("xyz"));
        }
    }

    /** A PKCS#12 file with the certificate and no key: what a partner would send, not what the gateway needs. */
    private static byte[] certificateOnly(java.security.cert.X509Certificate certificate, char[] password) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("certificate", certificate);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }

    private static byte[] keyStore(Database db, String sha256) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT key_store FROM gateway_key WHERE sha256 = ?")) {
                select.setString(1, sha256);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        });
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
