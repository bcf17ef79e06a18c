package org.dragongate.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dragongate.pki.ExamplePki.CONTACT_POINTS;
import static org.dragongate.pki.ExamplePki.DEMO_PASSWORD;
import static org.dragongate.pki.ExamplePki.HK_CED;
import static org.dragongate.pki.ExamplePki.JP_CUSTOMS;
import static org.dragongate.pki.ExamplePki.PARTNERS;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.dragongate.cli.KeysExampleCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ExamplePkiTest {

    // A fixed instant so the dates below can be asserted exactly rather than "roughly now".
    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    private static final Date NOW_DATE = Date.from(NOW);

    private static final int KEY_DIGITAL_SIGNATURE = 0;
    private static final int KEY_NON_REPUDIATION = 1;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;
    private static final int RFC822_NAME = 1;

    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        new ExamplePki(Clock.fixed(NOW, ZoneOffset.UTC), DEMO_PASSWORD.toCharArray()).generate(out);
    }

    @Test
    void everyExpectedFileExistsAndParses() throws Exception {
        for (Path dir : endEntityDirs()) {
            for (String stem : stems(dir)) {
                assertThat(chain(dir.resolve(stem + ".pem"))).hasSize(2);
                assertThat(privateKeyPem(dir.resolve(stem + "-key.pem"))).isNotNull();
                assertThat(pkcs12(dir.resolve(stem + ".p12")).size()).isEqualTo(1);
            }
        }
        assertThat(chain(caFile(ExamplePki.gatewayDir(out)))).hasSize(1);
        for (ExamplePki.PartnerInfo partner : PARTNERS) {
            assertThat(chain(caFile(partnerDir(partner.id())))).hasSize(1);
        }
        assertThat(crl()).isNotNull();
        assertThat(ExamplePki.directories(out)).allSatisfy(dir -> assertThat(dir).isDirectory());
    }

    @Test
    void readmeWarnsGivesPasswordAndRegenerationAndListsEveryFile() throws IOException {
        String readme = Files.readString(out.resolve(ExamplePki.README));
        assertThat(readme)
                .contains("DEMO ONLY", "NEVER USE IN PRODUCTION", "`dragongate-demo`",
                        "java -jar target/dragongate.jar keys-example --out keys-example", "unencrypted");
        List<String> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile)
                    .map(f -> out.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.equals(ExamplePki.README))
                    .toList();
        }
        int gateway = 1 + 3 * 3;
        int partners = 4 * (1 + 3) + 3 + 3 + 1;
        int contactPoints = 4 * 3;
        assertThat(files).hasSize(gateway + partners + contactPoints);
        assertThat(files).allSatisfy(f -> assertThat(readme).contains("| `" + f + "` |"));
    }

    @Test
    void casAreSelfSignedCasWithCertAndCrlSigningForTwentyYears() throws Exception {
        List<X509Certificate> cas = new ArrayList<>();
        cas.add(chain(caFile(ExamplePki.gatewayDir(out))).get(0));
        for (ExamplePki.PartnerInfo partner : PARTNERS) {
            X509Certificate ca = chain(caFile(partnerDir(partner.id()))).get(0);
            assertThat(ca.getSubjectX500Principal().getName()).isEqualTo(
                    "CN=" + partner.organisation() + " Demo CA,O=" + partner.organisation() + ",C=" + partner.country());
            cas.add(ca);
        }
        assertThat(cas.get(0).getSubjectX500Principal().getName()).startsWith("CN=Dragongate Demo Directory CA,");
        for (X509Certificate ca : cas) {
            ca.verify(ca.getPublicKey());
            assertThat(ca.getBasicConstraints()).as("CA=true").isGreaterThanOrEqualTo(0);
            assertThat(ca.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId());
            assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
            assertThat(ca.getKeyUsage()[CRL_SIGN]).isTrue();
            assertThat(ca.getNotAfter().toInstant()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(20).toInstant());
            assertKeyIdentifiers(ca, ca);
        }
    }

    @Test
    void partnerSignersChainToTheirCaWithSigningUsageMailAndExpectedAlgorithms() throws Exception {
        List<String> expectedSignatureAlgorithms =
                List.of("SHA256withRSA", "SHA256withECDSA", "SHA256withRSA", "SHA384withECDSA");
        List<String> expectedKeys = List.of("RSA-3072", "EC-256", "RSA-2048", "EC-384");
        for (int i = 0; i < PARTNERS.size(); i++) {
            ExamplePki.PartnerInfo partner = PARTNERS.get(i);
            Path dir = partnerDir(partner.id());
            X509Certificate ca = chain(caFile(dir)).get(0);
            List<X509Certificate> chain = chain(dir.resolve("signer.pem"));
            X509Certificate signer = chain.get(0);

            assertThat(chain.get(1)).isEqualTo(ca);
            signer.verify(ca.getPublicKey());
            assertThat(signer.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
            assertThat(signer.getSigAlgName()).isEqualTo(expectedSignatureAlgorithms.get(i));
            assertThat(describe(signer.getPublicKey())).isEqualTo(expectedKeys.get(i));
            assertThat(describe(ca.getPublicKey())).isEqualTo(expectedKeys.get(i).startsWith("RSA")
                    ? "RSA-3072" : expectedKeys.get(i));
            assertThat(signer.getSubjectX500Principal().getName()).isEqualTo("CN=" + partner.organisation()
                    + " Intelligence Signer,O=" + partner.organisation() + ",C=" + partner.country());
            assertSigningUsage(signer);
            assertThat(signer.getBasicConstraints()).as("CA=false").isEqualTo(-1);
            assertThat(signer.getSubjectAlternativeNames())
                    .containsExactly(List.of(RFC822_NAME, partner.mailAddress()));
            assertThat(signer.getNotBefore().toInstant()).isEqualTo(NOW.minus(1, ChronoUnit.DAYS));
            assertThat(signer.getNotAfter().toInstant())
                    .isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(5).toInstant());
            assertKeyIdentifiers(signer, ca);
            assertThatPkixAccepts(signer, ca, List.of());
        }
    }

    @Test
    void gatewayAndContactPointCertsChainToTheDirectoryCaWithTheRightUsage() throws Exception {
        Path gateway = ExamplePki.gatewayDir(out);
        X509Certificate directoryCa = chain(caFile(gateway)).get(0);

        X509Certificate encryption = issuedBy(directoryCa, gateway.resolve("encryption.pem"));
        assertThat(encryption.getSubjectX500Principal().getName()).startsWith("CN=Dragongate Gateway (encryption),");
        assertThat(describe(encryption.getPublicKey())).isEqualTo("RSA-3072");
        assertThat(encryption.getKeyUsage()[KEY_ENCIPHERMENT]).isTrue();

        X509Certificate encryptionEc = issuedBy(directoryCa, gateway.resolve("encryption-ec.pem"));
        assertThat(encryptionEc.getSubjectX500Principal().getName())
                .startsWith("CN=Dragongate Gateway (encryption EC),");
        assertThat(describe(encryptionEc.getPublicKey())).isEqualTo("EC-256");
        assertThat(encryptionEc.getKeyUsage()[KEY_AGREEMENT]).isTrue();

        X509Certificate signing = issuedBy(directoryCa, gateway.resolve("signing.pem"));
        assertThat(describe(signing.getPublicKey())).isEqualTo("RSA-3072");
        assertSigningUsage(signing);

        for (ExamplePki.ContactPointInfo contactPoint : CONTACT_POINTS) {
            X509Certificate cert = issuedBy(directoryCa,
                    ExamplePki.contactPointDir(out, contactPoint.id()).resolve("encryption.pem"));
            assertThat(cert.getSubjectX500Principal().getName())
                    .startsWith("CN=" + contactPoint.organisation() + ",")
                    .endsWith(",C=" + contactPoint.country());
            boolean ec = contactPoint.id().equals(ExamplePki.VN_ENV_POLICE);
            assertThat(describe(cert.getPublicKey())).isEqualTo(ec ? "EC-256" : "RSA-3072");
            assertThat(cert.getKeyUsage()[ec ? KEY_AGREEMENT : KEY_ENCIPHERMENT]).isTrue();
            assertThat(cert.getKeyUsage()[KEY_DIGITAL_SIGNATURE]).isFalse();
        }
    }

    @Test
    void expiredSignerEndedThirtyDaysAgoAndPkixRejectsIt() throws Exception {
        Path dir = partnerDir(JP_CUSTOMS);
        X509Certificate ca = chain(caFile(dir)).get(0);
        X509Certificate expired = chain(dir.resolve("expired-signer.pem")).get(0);

        expired.verify(ca.getPublicKey());
        assertSigningUsage(expired);
        assertThat(expired.getNotAfter()).isBefore(NOW_DATE);
        assertThat(expired.getNotAfter().toInstant()).isEqualTo(NOW.minus(30, ChronoUnit.DAYS));
        assertThat(expired.getNotBefore().toInstant()).isEqualTo(NOW.minus(400, ChronoUnit.DAYS));
        assertThatThrownBy(() -> validate(expired, ca, List.of()))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.EXPIRED));
    }

    @Test
    void revokedSignerIsInDateButListedInTheHkCrl() throws Exception {
        Path dir = partnerDir(HK_CED);
        X509Certificate ca = chain(caFile(dir)).get(0);
        X509Certificate revoked = chain(dir.resolve("revoked-signer.pem")).get(0);
        X509Certificate goodSigner = chain(dir.resolve("signer.pem")).get(0);
        X509CRL crl = crl();

        revoked.verify(ca.getPublicKey());
        revoked.checkValidity(NOW_DATE);
        crl.verify(ca.getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(NOW.minus(1, ChronoUnit.DAYS));
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(NOW.plus(365, ChronoUnit.DAYS));
        assertThat(crl.getRevokedCertificates()).hasSize(1);
        X509CRLEntry entry = crl.getRevokedCertificate(revoked.getSerialNumber());
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(entry.getRevocationDate().toInstant()).isEqualTo(NOW.minus(10, ChronoUnit.DAYS));
        assertThat(crl.isRevoked(goodSigner)).isFalse();
        assertThat(ASN1Integer.getInstance(ASN1OctetString.getInstance(
                crl.getExtensionValue(Extension.cRLNumber.getId())).getOctets()).getValue()).isEqualTo(BigInteger.ONE);
        assertThat(authorityKeyId(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId())))
                .isEqualTo(subjectKeyId(ca));

        assertThatPkixAccepts(goodSigner, ca, List.of(crl));
        assertThatThrownBy(() -> validate(revoked, ca, List.of(crl)))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
    }

    @Test
    void pkcs12OpensWithDemoPasswordAndHoldsKeyAndChainMatchingThePemFiles() throws Exception {
        for (Path dir : endEntityDirs()) {
            for (String stem : stems(dir)) {
                KeyStore store = pkcs12(dir.resolve(stem + ".p12"));
                String alias = store.aliases().nextElement();
                assertThat(alias).isEqualTo(expectedAlias(dir, stem));
                assertThat(store.isKeyEntry(alias)).isTrue();
                Key key = store.getKey(alias, DEMO_PASSWORD.toCharArray());
                Certificate[] p12Chain = store.getCertificateChain(alias);
                List<X509Certificate> pemChain = chain(dir.resolve(stem + ".pem"));
                assertThat(p12Chain).containsExactlyElementsOf(pemChain);

                PrivateKey pemKey = privateKeyPem(dir.resolve(stem + "-key.pem"));
                assertThat(key.getEncoded()).isEqualTo(pemKey.getEncoded());
                assertKeyPairMatches(pemKey, pemChain.get(0).getPublicKey());
            }
        }
    }

    @Test
    void serialNumbersArePositiveRandomAndUnique() throws Exception {
        Set<BigInteger> serials = new HashSet<>();
        List<X509Certificate> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path pem : walk.filter(f -> f.toString().endsWith(".pem") && !f.toString().endsWith("-key.pem"))
                    .toList()) {
                all.add(chain(pem).get(0));
            }
        }
        for (X509Certificate cert : all) {
            assertThat(cert.getSerialNumber()).isPositive();
            assertThat(cert.getSerialNumber().bitLength()).isBetween(64, 128);
            serials.add(cert.getSerialNumber());
        }
        assertThat(serials).hasSameSizeAs(all);
    }

    @Test
    void commandGeneratesIntoARelativeDirectoryAndPrintsEachDirectory(@TempDir Path scratch) throws IOException {
        // Relative on purpose: a relative --out whose parents do not exist yet once broke the README table.
        Path relativeOut = Path.of("").toAbsolutePath().relativize(scratch.resolve("nested").resolve("keys"));
        StringWriter printed = new StringWriter();
        int exit = new CommandLine(new KeysExampleCommand()).setOut(new PrintWriter(printed))
                .execute("--out", relativeOut.toString());

        assertThat(exit).isZero();
        assertThat(printed.toString().lines().toList())
                .containsExactlyElementsOf(ExamplePki.directories(relativeOut).stream().map(Path::toString).toList());
        assertThat(Files.readString(relativeOut.resolve(ExamplePki.README)))
                .contains("| `gateway/ca.pem` |", "| `contact-points/RILO-AP/encryption.p12` |");
    }

    private static void assertSigningUsage(X509Certificate cert) {
        boolean[] usage = cert.getKeyUsage();
        assertThat(usage[KEY_DIGITAL_SIGNATURE]).as("digitalSignature").isTrue();
        assertThat(usage[KEY_NON_REPUDIATION]).as("nonRepudiation").isTrue();
        assertThat(usage[KEY_ENCIPHERMENT]).as("keyEncipherment").isFalse();
    }

    private static X509Certificate issuedBy(X509Certificate ca, Path pem) throws Exception {
        List<X509Certificate> chain = chain(pem);
        X509Certificate cert = chain.get(0);
        assertThat(chain.get(1)).isEqualTo(ca);
        cert.verify(ca.getPublicKey());
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(cert.getBasicConstraints()).as("CA=false").isEqualTo(-1);
        assertKeyIdentifiers(cert, ca);
        assertThatPkixAccepts(cert, ca, List.of());
        return cert;
    }

    private static void assertKeyIdentifiers(X509Certificate cert, X509Certificate issuer) {
        byte[] ski = subjectKeyId(cert);
        assertThat(ski).isNotEmpty();
        assertThat(authorityKeyId(cert.getExtensionValue(Extension.authorityKeyIdentifier.getId())))
                .isEqualTo(subjectKeyId(issuer));
    }

    private static byte[] subjectKeyId(X509Certificate cert) {
        byte[] value = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        assertThat(value).as("SKI of " + cert.getSubjectX500Principal()).isNotNull();
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
    }

    private static byte[] authorityKeyId(byte[] extensionValue) {
        assertThat(extensionValue).as("AKI").isNotNull();
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extensionValue).getOctets())
                .getKeyIdentifierOctets();
    }

    /** Signing with the private key and verifying with the certificate's key proves they are one pair. */
    private static void assertKeyPairMatches(PrivateKey privateKey, PublicKey publicKey) throws Exception {
        String algorithm = publicKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] data = "dragongate".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    private static void assertThatPkixAccepts(X509Certificate cert, X509Certificate ca, List<X509CRL> crls)
            throws Exception {
        validate(cert, ca, crls);
    }

    private static void validate(X509Certificate cert, X509Certificate ca, List<X509CRL> crls) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setDate(NOW_DATE);
        parameters.setRevocationEnabled(!crls.isEmpty());
        if (!crls.isEmpty()) {
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
        }
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(cert)), parameters);
    }

    private static String describe(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        return "EC-" + ((ECKey) key).getParams().getCurve().getField().getFieldSize();
    }

    private static String expectedAlias(Path dir, String stem) {
        String id = dir.getFileName().toString().toLowerCase(Locale.ROOT);
        if (dir.equals(ExamplePki.gatewayDir(out))) {
            return "gateway-" + stem;
        }
        return switch (stem) {
            case "expired-signer" -> id + "-expired";
            case "revoked-signer" -> id + "-revoked";
            default -> id;
        };
    }

    private static List<Path> endEntityDirs() {
        return ExamplePki.directories(out);
    }

    private static List<String> stems(Path dir) {
        if (dir.equals(ExamplePki.gatewayDir(out))) {
            return List.of("encryption", "encryption-ec", "signing");
        }
        if (dir.getParent().getFileName().toString().equals(ExamplePki.CONTACT_POINTS_DIR)) {
            return List.of("encryption");
        }
        return switch (dir.getFileName().toString()) {
            case JP_CUSTOMS -> List.of("signer", "expired-signer");
            case HK_CED -> List.of("signer", "revoked-signer");
            default -> List.of("signer");
        };
    }

    private static Path partnerDir(String id) {
        return ExamplePki.partnerDir(out, id);
    }

    private static Path caFile(Path dir) {
        return dir.resolve("ca.pem");
    }

    private static List<X509Certificate> chain(Path pem) throws Exception {
        assertThat(Files.readString(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----");
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            return certs.stream().map(X509Certificate.class::cast).toList();
        }
    }

    private static PrivateKey privateKeyPem(Path pem) throws Exception {
        assertThat(Files.readString(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----");
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object item = parser.readObject();
            assertThat(item).isInstanceOf(PrivateKeyInfo.class);
            byte[] pkcs8 = ((PrivateKeyInfo) item).getEncoded();
            String algorithm = ((PrivateKeyInfo) item).getPrivateKeyAlgorithm().getAlgorithm()
                    .equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "EC";
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        }
    }

    private static KeyStore pkcs12(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, DEMO_PASSWORD.toCharArray());
        }
        return store;
    }

    private static X509CRL crl() throws Exception {
        Path file = partnerDir(HK_CED).resolve("ca.crl");
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).startsWith("-----BEGIN X509 CRL-----");
        try (InputStream in = Files.newInputStream(file)) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
    }
}
