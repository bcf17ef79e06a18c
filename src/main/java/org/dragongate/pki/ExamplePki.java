package org.dragongate.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates the example PKI used to try Dragongate out: a directory CA for the gateway and its
 * contact points, one CA + signer per foreign partner, plus an expired and a revoked signer so the
 * rejection paths can be demonstrated.
 *
 * <p><strong>Demo only, never production:</strong> private keys are written unencrypted and the
 * PKCS#12 password is published in the generated README.
 */
public final class ExamplePki {

    public static final String DEMO_PASSWORD = "dragongate-demo";
    public static final String DEFAULT_OUT_DIR = "keys-example";

    public static final String GATEWAY_DIR = "gateway";
    public static final String PARTNERS_DIR = "partners";
    public static final String CONTACT_POINTS_DIR = "contact-points";
    public static final String README = "README.md";

    public static final String CN_GACC = "CN-GACC";
    public static final String AU_ABF = "AU-ABF";
    public static final String HK_CED = "HK-CED";
    public static final String JP_CUSTOMS = "JP-CUSTOMS";

    public static final String VN_CUSTOMS_ASI = "VN-CUSTOMS-ASI";
    public static final String VN_DRUG_POLICE = "VN-DRUG-POLICE";
    public static final String VN_ENV_POLICE = "VN-ENV-POLICE";
    public static final String RILO_AP = "RILO-AP";

    /** File stems: each end entity is written as {@code <stem>.p12}, {@code <stem>.pem}, {@code <stem>-key.pem}. */
    public static final String CA_CERT_FILE = "ca.pem";
    public static final String CA_CRL_FILE = "ca.crl";
    public static final String ENCRYPTION = "encryption";
    public static final String ENCRYPTION_EC = "encryption-ec";
    public static final String SIGNING = "signing";
    public static final String SIGNER = "signer";
    public static final String EXPIRED_SIGNER = "expired-signer";
    public static final String REVOKED_SIGNER = "revoked-signer";

    public static final String GATEWAY_CA_NAME = "Dragongate Demo Directory CA";
    public static final String GATEWAY_ORGANISATION = "Dragongate";

    public static final String REGENERATE_COMMAND = "java -jar target/dragongate.jar keys-example --out keys-example";

    public record PartnerInfo(String id, String organisation, String country, String mailAddress) {
    }

    public record ContactPointInfo(String id, String organisation, String country) {
    }

    public static final List<PartnerInfo> PARTNERS = List.of(
            new PartnerInfo(CN_GACC, "General Administration of Customs of China", "CN", "intel@cn-gacc.example"),
            new PartnerInfo(AU_ABF, "Australian Border Force", "AU", "intel@au-abf.example"),
            new PartnerInfo(HK_CED, "Hong Kong Customs and Excise Department", "HK", "intel@hk-ced.example"),
            new PartnerInfo(JP_CUSTOMS, "Japan Customs", "JP", "intel@jp-customs.example"));

    public static final List<ContactPointInfo> CONTACT_POINTS = List.of(
            new ContactPointInfo(VN_CUSTOMS_ASI, "Vietnam Customs Anti-Smuggling Investigation Department", "VN"),
            new ContactPointInfo(VN_DRUG_POLICE, "Vietnam Police Drug Crime Investigation Department", "VN"),
            new ContactPointInfo(VN_ENV_POLICE, "Vietnam Environmental Police Department", "VN"),
            new ContactPointInfo(RILO_AP, "Regional Intelligence Liaison Office Asia-Pacific", "KR"));

    public static final List<String> PARTNER_IDS = PARTNERS.stream().map(PartnerInfo::id).toList();
    public static final List<String> CONTACT_POINT_IDS = CONTACT_POINTS.stream().map(ContactPointInfo::id).toList();

    private static final String BC = BouncyCastleProvider.PROVIDER_NAME;
    private static final int CA_YEARS = 20;
    private static final int END_ENTITY_YEARS = 5;
    // Back-dated a day so a verifier whose clock lags a little still accepts fresh certificates.
    private static final int BACKDATE_DAYS = 1;
    private static final int EXPIRED_NOT_BEFORE_DAYS_AGO = 400;
    private static final int EXPIRED_NOT_AFTER_DAYS_AGO = 30;
    private static final int REVOKED_DAYS_AGO = 10;
    /** Long, so the committed demo PKI keeps working for a year; a real CA publishes far more often. */
    private static final int CRL_NEXT_UPDATE_DAYS = 365;

    private enum KeyType {
        RSA_2048("RSA-2048", "SHA256withRSA"),
        RSA_3072("RSA-3072", "SHA256withRSA"),
        EC_P256("EC P-256", "SHA256withECDSA"),
        EC_P384("EC P-384", "SHA384withECDSA");

        private final String label;
        /** Used when a key of this type signs: the hash matches the key's security level. */
        private final String signatureAlgorithm;

        KeyType(String label, String signatureAlgorithm) {
            this.label = label;
            this.signatureAlgorithm = signatureAlgorithm;
        }

        boolean isRsa() {
            return this == RSA_2048 || this == RSA_3072;
        }

        /** Partner CAs stay in the partner's key family so an EC partner's chain is EC end to end. */
        KeyType caType() {
            return isRsa() ? RSA_3072 : this;
        }

        /** RSA recipients get the key transported to them; EC recipients agree on it (ECDH). */
        int encryptionKeyUsage() {
            return isRsa() ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement;
        }

        KeyPair generate(SecureRandom random) throws GeneralSecurityException {
            KeyPairGenerator generator;
            switch (this) {
                case RSA_2048 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048, random);
                }
                case RSA_3072 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(3072, random);
                }
                case EC_P256 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                }
                case EC_P384 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp384r1"), random);
                }
                default -> throw new IllegalStateException("unknown key type " + this);
            }
            return generator.generateKeyPair();
        }
    }

    private static final List<KeyType> PARTNER_SIGNER_KEYS =
            List.of(KeyType.RSA_3072, KeyType.EC_P256, KeyType.RSA_2048, KeyType.EC_P384);
    private static final List<KeyType> CONTACT_POINT_KEYS =
            List.of(KeyType.RSA_3072, KeyType.RSA_3072, KeyType.EC_P256, KeyType.RSA_3072);

    /** A key pair with its certificate chain, leaf first. */
    private record Credential(KeyType keyType, KeyPair keys, List<X509Certificate> chain) {
        X509Certificate cert() {
            return chain.get(0);
        }
    }

    private record EndEntityRequest(X500Name subject, KeyType keyType, int keyUsage,
                                    Instant notBefore, Instant notAfter, String mailAddress) {
    }

    /** What was written, in order, so the README table can never drift from the files. */
    private record Inventory(Path root, List<String[]> rows) {
        void add(Path file, String description) {
            // Both made absolute: relativize rejects a relative/absolute mix, and callers pass either.
            String relative = root.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
            rows.add(new String[] {relative.replace('\\', '/'), description});
        }
    }

    private final Clock clock;
    private final char[] password;
    private final SecureRandom random = new SecureRandom();

    public ExamplePki(Clock clock, char[] password) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.password = Objects.requireNonNull(password, "password").clone();
        if (Security.getProvider(BC) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    public ExamplePki(Clock clock) {
        this(clock, DEMO_PASSWORD.toCharArray());
    }

    public static Path gatewayDir(Path outDir) {
        return outDir.resolve(GATEWAY_DIR);
    }

    public static Path partnerDir(Path outDir, String partnerId) {
        return outDir.resolve(PARTNERS_DIR).resolve(partnerId);
    }

    public static Path contactPointDir(Path outDir, String contactPointId) {
        return outDir.resolve(CONTACT_POINTS_DIR).resolve(contactPointId);
    }

    /** The directories {@link #generate(Path)} writes into, in the order it writes them. */
    public static List<Path> directories(Path outDir) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(gatewayDir(outDir));
        PARTNER_IDS.forEach(id -> dirs.add(partnerDir(outDir, id)));
        CONTACT_POINT_IDS.forEach(id -> dirs.add(contactPointDir(outDir, id)));
        return List.copyOf(dirs);
    }

    /** Writes the whole example PKI plus its README under {@code outDir}, overwriting existing files. */
    public void generate(Path outDir) throws IOException {
        // Certificate times have one-second resolution; truncating keeps what we compute equal to what we encode.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Inventory inventory = new Inventory(outDir, new ArrayList<>());
        try {
            Credential directoryCa = generateGateway(outDir, now, inventory);
            for (int i = 0; i < PARTNERS.size(); i++) {
                generatePartner(outDir, PARTNERS.get(i), PARTNER_SIGNER_KEYS.get(i), now, inventory);
            }
            for (int i = 0; i < CONTACT_POINTS.size(); i++) {
                generateContactPoint(outDir, directoryCa, CONTACT_POINTS.get(i), CONTACT_POINT_KEYS.get(i), now,
                        inventory);
            }
        } catch (GeneralSecurityException | OperatorCreationException e) {
            // Only fixed, standard algorithms are used, so this means a broken JCA setup, not bad input.
            throw new IllegalStateException("cannot generate example PKI: " + e.getMessage(), e);
        }
        writeReadme(outDir.resolve(README), now, inventory);
    }

    /** Returns the directory CA, which also issues the contact-point certificates. */
    private Credential generateGateway(Path outDir, Instant now, Inventory inventory)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Path dir = gatewayDir(outDir);
        Files.createDirectories(dir);
        Credential ca = issueCa(name(GATEWAY_CA_NAME, GATEWAY_ORGANISATION, null), KeyType.RSA_3072, now);
        writeCertificates(dir.resolve(CA_CERT_FILE), ca.chain());
        inventory.add(dir.resolve(CA_CERT_FILE), "\"" + GATEWAY_CA_NAME + "\" (RSA-3072, " + CA_YEARS
                + " years): issues the gateway and contact-point certificates");

        Instant notAfter = plusYears(now, END_ENTITY_YEARS);
        Instant notBefore = now.minus(BACKDATE_DAYS, ChronoUnit.DAYS);

        Credential encryption = issueEndEntity(ca, new EndEntityRequest(
                name("Dragongate Gateway (encryption)", GATEWAY_ORGANISATION, null), KeyType.RSA_3072,
                KeyUsage.keyEncipherment, notBefore, notAfter, null));
        writeEndEntity(dir, ENCRYPTION, "gateway-encryption", encryption,
                "gateway encryption (RSA-3072, keyEncipherment): partners encrypt packages to this", inventory);

        Credential encryptionEc = issueEndEntity(ca, new EndEntityRequest(
                name("Dragongate Gateway (encryption EC)", GATEWAY_ORGANISATION, null), KeyType.EC_P256,
                KeyUsage.keyAgreement, notBefore, notAfter, null));
        writeEndEntity(dir, ENCRYPTION_EC, "gateway-encryption-ec", encryptionEc,
                "gateway encryption (EC P-256, keyAgreement): for partners that encrypt with ECDH", inventory);

        Credential signing = issueEndEntity(ca, new EndEntityRequest(
                name("Dragongate Gateway (signing)", GATEWAY_ORGANISATION, null), KeyType.RSA_3072,
                KeyUsage.digitalSignature | KeyUsage.nonRepudiation, notBefore, notAfter, null));
        writeEndEntity(dir, SIGNING, "gateway-signing", signing,
                "gateway signing (RSA-3072, digitalSignature+nonRepudiation): signs receipts and deliveries",
                inventory);
        return ca;
    }

    private void generateContactPoint(Path outDir, Credential directoryCa, ContactPointInfo contactPoint,
                                      KeyType keyType, Instant now, Inventory inventory)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Path dir = contactPointDir(outDir, contactPoint.id());
        Files.createDirectories(dir);
        Credential encryption = issueEndEntity(directoryCa, new EndEntityRequest(
                name(contactPoint.organisation(), contactPoint.organisation(), contactPoint.country()), keyType,
                keyType.encryptionKeyUsage(), now.minus(BACKDATE_DAYS, ChronoUnit.DAYS),
                plusYears(now, END_ENTITY_YEARS), null));
        writeEndEntity(dir, ENCRYPTION, alias(contactPoint.id()), encryption,
                contactPoint.organisation() + " encryption (" + keyType.label + ", "
                        + (keyType.isRsa() ? "keyEncipherment" : "keyAgreement")
                        + "), issued by the Demo Directory CA",
                inventory);
    }

    private void generatePartner(Path outDir, PartnerInfo partner, KeyType signerKey, Instant now,
                                 Inventory inventory)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Path dir = partnerDir(outDir, partner.id());
        Files.createDirectories(dir);
        KeyType caKey = signerKey.caType();
        Credential ca = issueCa(name(partner.organisation() + " Demo CA", partner.organisation(), partner.country()),
                caKey, now);
        writeCertificates(dir.resolve(CA_CERT_FILE), ca.chain());
        inventory.add(dir.resolve(CA_CERT_FILE), partner.organisation() + " demo CA (" + caKey.label + ", "
                + CA_YEARS + " years): the trust anchor for this partner's signers");

        X500Name signerName = name(partner.organisation() + " Intelligence Signer", partner.organisation(),
                partner.country());
        int signingUsage = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
        Instant notBefore = now.minus(BACKDATE_DAYS, ChronoUnit.DAYS);
        Instant notAfter = plusYears(now, END_ENTITY_YEARS);

        Credential signer = issueEndEntity(ca, new EndEntityRequest(signerName, signerKey, signingUsage,
                notBefore, notAfter, partner.mailAddress()));
        writeEndEntity(dir, SIGNER, alias(partner.id()), signer, partner.organisation() + " signer ("
                + signerKey.label + ", " + partner.mailAddress() + "): signs the partner's packages", inventory);

        if (partner.id().equals(JP_CUSTOMS)) {
            Credential expired = issueEndEntity(ca, new EndEntityRequest(signerName, signerKey, signingUsage,
                    now.minus(EXPIRED_NOT_BEFORE_DAYS_AGO, ChronoUnit.DAYS),
                    now.minus(EXPIRED_NOT_AFTER_DAYS_AGO, ChronoUnit.DAYS), partner.mailAddress()));
            writeEndEntity(dir, EXPIRED_SIGNER, alias(partner.id()) + "-expired", expired,
                    "EXPIRED signer (" + signerKey.label + ", ended " + EXPIRED_NOT_AFTER_DAYS_AGO
                            + " days before generation): packages signed with it must be rejected",
                    inventory);
        }
        if (partner.id().equals(HK_CED)) {
            Credential revoked = issueEndEntity(ca, new EndEntityRequest(signerName, signerKey, signingUsage,
                    notBefore, notAfter, partner.mailAddress()));
            writeEndEntity(dir, REVOKED_SIGNER, alias(partner.id()) + "-revoked", revoked,
                    "REVOKED signer (" + signerKey.label + ", in date but listed in ca.crl as keyCompromise): "
                            + "packages signed with it must be rejected",
                    inventory);
            X509CRL crl = makeCrl(ca, revoked.cert(), now);
            writeCrl(dir.resolve(CA_CRL_FILE), crl);
            inventory.add(dir.resolve(CA_CRL_FILE), "CRL of the " + partner.organisation()
                    + " demo CA (PEM, next update " + CRL_NEXT_UPDATE_DAYS
                    + " days after generation) listing revoked-signer");
        }
    }

    private Credential issueCa(X500Name subject, KeyType keyType, Instant now)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        KeyPair keys = keyType.generate(random);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                Date.from(now.minus(BACKDATE_DAYS, ChronoUnit.DAYS)), Date.from(plusYears(now, CA_YEARS)),
                subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(keys.getPublic()));
        // Self-signed, so the authority key is its own: lets path builders match the anchor by key id.
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(keys.getPublic()));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(signer(keys.getPrivate(), keyType)));
        return new Credential(keyType, keys, List.of(cert));
    }

    private Credential issueEndEntity(Credential issuer, EndEntityRequest request)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        KeyPair keys = request.keyType().generate(random);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        // Taking the issuer name from the issuer's certificate keeps the DER byte-identical for chaining.
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.cert(), serialNumber(),
                Date.from(request.notBefore()), Date.from(request.notAfter()), request.subject(), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(request.keyUsage()));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(keys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuer.keys().getPublic()));
        if (request.mailAddress() != null) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.rfc822Name, request.mailAddress())));
        }
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(signer(issuer.keys().getPrivate(), issuer.keyType())));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(issuer.chain());
        return new Credential(request.keyType(), keys, List.copyOf(chain));
    }

    private X509CRL makeCrl(Credential ca, X509Certificate revoked, Instant now)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.cert(),
                Date.from(now.minus(BACKDATE_DAYS, ChronoUnit.DAYS)));
        builder.setNextUpdate(Date.from(now.plus(CRL_NEXT_UPDATE_DAYS, ChronoUnit.DAYS)));
        builder.addCRLEntry(revoked.getSerialNumber(), Date.from(now.minus(REVOKED_DAYS_AGO, ChronoUnit.DAYS)),
                CRLReason.keyCompromise);
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.keys().getPublic()));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
        return new JcaX509CRLConverter().getCRL(builder.build(signer(ca.keys().getPrivate(), ca.keyType())));
    }

    private ContentSigner signer(PrivateKey key, KeyType keyType) throws OperatorCreationException {
        return new JcaContentSignerBuilder(keyType.signatureAlgorithm).setProvider(BC).setSecureRandom(random)
                .build(key);
    }

    private void writeEndEntity(Path dir, String stem, String alias, Credential credential, String description,
                                Inventory inventory) throws IOException, GeneralSecurityException {
        Path p12 = dir.resolve(stem + ".p12");
        Path pem = dir.resolve(stem + ".pem");
        Path key = dir.resolve(stem + "-key.pem");
        writePkcs12(p12, alias, credential);
        writeCertificates(pem, credential.chain());
        writePrivateKey(key, credential.keys().getPrivate());
        inventory.add(p12, description + "; PKCS#12 with key and chain, alias `" + alias + "`");
        inventory.add(pem, "certificate followed by its issuing CA (PEM chain)");
        inventory.add(key, "private key, unencrypted PKCS#8 PEM");
    }

    private void writePkcs12(Path file, String alias, Credential credential)
            throws IOException, GeneralSecurityException {
        // Pinned to the JDK provider: its defaults (AES-256 + PBKDF2, HMAC-SHA256 MAC) open in OpenSSL 3
        // without the legacy provider, whereas BC's "PKCS12" would win if BC were ever inserted first.
        KeyStore store = KeyStore.getInstance("PKCS12", "SUN");
        store.load(null, null);
        store.setKeyEntry(alias, credential.keys().getPrivate(), password,
                credential.chain().toArray(new Certificate[0]));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    private static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
        try (JcaPEMWriter pem = pemWriter(file)) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        }
    }

    private static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        // JcaPEMWriter on a bare key would emit the legacy "RSA/EC PRIVATE KEY" form; PKCS#8 is what
        // both the JDK and OpenSSL 3 read without guessing the algorithm.
        try (JcaPEMWriter pem = pemWriter(file)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
    }

    private static void writeCrl(Path file, X509CRL crl) throws IOException {
        try (JcaPEMWriter pem = pemWriter(file)) {
            pem.writeObject(crl);
        }
    }

    private static JcaPEMWriter pemWriter(Path file) throws IOException {
        return new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII));
    }

    private void writeReadme(Path file, Instant now, Inventory inventory) throws IOException {
        boolean demoPassword = Arrays.equals(password, DEMO_PASSWORD.toCharArray());
        String passwordText = demoPassword ? "`" + DEMO_PASSWORD + "`" : "the one given to the generator";
        StringBuilder md = new StringBuilder();
        md.append("# Dragongate example PKI\n\n")
                .append("> **DEMO ONLY. NEVER USE IN PRODUCTION.** Every private key here is public: the `*-key.pem`\n")
                .append("> files are unencrypted and the PKCS#12 password is written below. Use these only to try\n")
                .append("> Dragongate out and in tests.\n\n")
                .append("Generated ").append(now).append(". Validity periods, the expired signer and the CRL are\n")
                .append("relative to that moment, so regenerate when they drift (e.g. the CRL's next update,\n")
                .append(CRL_NEXT_UPDATE_DAYS).append(" days after generation, has passed).\n\n")
                .append("## Regenerate\n\n")
                .append("```\n").append(REGENERATE_COMMAND).append("\n```\n\n")
                .append("This overwrites every file listed below, this README included, with fresh keys.\n\n")
                .append("## Conventions\n\n")
                .append("- PKCS#12 password: ").append(passwordText).append(". Each `.p12` holds one private key\n")
                .append("  with its chain [certificate, issuing CA], protected with the JDK defaults\n")
                .append("  (AES-256/PBKDF2, HMAC-SHA256), so OpenSSL 3 reads it without `-legacy`:\n")
                .append("  `openssl pkcs12 -in X.p12 -passin pass:").append(demoPassword ? DEMO_PASSWORD : "PASSWORD")
                .append(" -nodes`.\n")
                .append("- `*-key.pem`: the same private key as unencrypted PKCS#8 (`BEGIN PRIVATE KEY`), for\n")
                .append("  demo convenience only.\n")
                .append("- End-entity `.pem` files hold the certificate followed by its issuing CA; `ca.pem` holds\n")
                .append("  the CA alone.\n")
                .append("- CAs: basicConstraints CA=true (critical), keyUsage keyCertSign+cRLSign, ")
                .append(CA_YEARS).append(" years. End entities: CA=false, ")
                .append(END_ENTITY_YEARS).append(" years\n  (back-dated ").append(BACKDATE_DAYS)
                .append(" day). Serial numbers are random 128-bit; every certificate carries SKI and AKI.\n")
                .append("- Signature algorithms follow the issuer key: SHA256withRSA (RSA), SHA256withECDSA (P-256),\n")
                .append("  SHA384withECDSA (P-384).\n\n")
                .append("## Partners\n\n")
                .append("| Id | Organisation | Country | Signer mail address (SAN) |\n")
                .append("|----|--------------|---------|---------------------------|\n");
        for (PartnerInfo p : PARTNERS) {
            md.append("| ").append(p.id()).append(" | ").append(p.organisation()).append(" | ")
                    .append(p.country()).append(" | ").append(p.mailAddress()).append(" |\n");
        }
        md.append("\n## Contact points\n\n")
                .append("| Id | Organisation | Country |\n")
                .append("|----|--------------|---------|\n");
        for (ContactPointInfo c : CONTACT_POINTS) {
            md.append("| ").append(c.id()).append(" | ").append(c.organisation()).append(" | ")
                    .append(c.country()).append(" |\n");
        }
        md.append("\n## Files\n\n")
                .append("| File | What it is |\n")
                .append("|------|------------|\n")
                .append("| `").append(README).append("` | this file |\n");
        for (String[] row : inventory.rows()) {
            md.append("| `").append(row[0]).append("` | ").append(row[1].replace("|", "\\|")).append(" |\n");
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(md.toString());
        }
    }

    private static X500Name name(String commonName, String organisation, String country) {
        // Added C, O, CN so the DER runs from most to least general; Java and RFC 4514 then print it as
        // "CN=..., O=..., C=...".
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (country != null) {
            builder.addRDN(BCStyle.C, country);
        }
        builder.addRDN(BCStyle.O, organisation);
        builder.addRDN(BCStyle.CN, commonName);
        return builder.build();
    }

    private static String alias(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private BigInteger serialNumber() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private static Instant plusYears(Instant instant, int years) {
        // Instant has no calendar; going through UTC keeps "20 years" a calendar span across leap days.
        return instant.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }
}
