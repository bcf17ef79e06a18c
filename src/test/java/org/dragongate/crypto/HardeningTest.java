package org.dragongate.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSCompressedDataStreamGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.dragongate.pki.ExamplePki;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.dragongate.testing.OpenSsl;
import org.dragongate.testing.TestPki;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks a hostile or careless sender can try on the opener, each refused with the reason an
 * administrator can act on, without an oracle and without leaving files behind. Packages that
 * OpenSSL cannot make are built with BouncyCastle here.
 */
class HardeningTest {
    private static final byte[] NOTICE = "<notice id=\"HK-2024-0917\"><kind>alert</kind></notice>\n"
            .getBytes(StandardCharsets.UTF_8);

    private final TestPki pki = TestPki.shared();
    private final Provider bc = CryptoProviders.bouncyCastle();

    @TempDir
    Path temp;

    private Path workDir;

    @BeforeEach
    void createWorkDir() throws IOException {
        workDir = Files.createDirectories(temp.resolve("work"));
    }

    /** The control for the tests below: built the same way with standard attributes, the package opens. */
    @Test
    void opensPackageWithStandardSignedAttributes() throws Exception {
        byte[] signed = signedData(pki.signer(ExamplePki.CN_GACC), NOTICE, signingTime(Instant.now().minusSeconds(60)), false);

        try (OpenedPackage opened = pki.opener(workDir).open(new ByteArrayInputStream(encryptForGateway(signed)), ExamplePki.CN_GACC)) {
            assertThat(Files.readAllBytes(opened.content().path())).isEqualTo(NOTICE);
        }
    }

    // 1. Signed attributes required

    /** Without signed attributes nothing binds the signature to a content type or a time. */
    @Test
    void refusesSignatureWithoutSignedAttributes() throws Exception {
        byte[] signed = signedData(pki.signer(ExamplePki.CN_GACC), NOTICE, null, true);

        assertThat(refusal(encryptForGateway(signed), ExamplePki.CN_GACC).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    // 2. Content-type attribute must equal the encapsulated content type

    /** A signature made over one content type must not be replayed as a signature over another. */
    @Test
    void refusesContentTypeAttributeThatDiffersFromEncapsulatedType() throws Exception {
        AttributeTable claimsSignedData = new AttributeTable(new Attribute(CMSAttributes.contentType,
                new DERSet(CMSObjectIdentifiers.signedData)));
        byte[] signed = signedData(pki.signer(ExamplePki.CN_GACC), NOTICE,
                new DefaultSignedAttributeTableGenerator(claimsSignedData), false);

        PackageRejected refused = refusal(encryptForGateway(signed), ExamplePki.CN_GACC);

        assertThat(refused.reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(refused.getMessage()).contains("content-type");
    }

    // 3. Exactly one message-digest

    /** Two digests leave it open which one the signature vouches for; RFC 5652 allows exactly one. */
    @Test
    void refusesTwoMessageDigestAttributes() throws Exception {
        CMSAttributeTableGenerator twoDigests = parameters -> new DefaultSignedAttributeTableGenerator()
                .getAttributes(parameters).add(CMSAttributes.messageDigest, new DEROctetString(new byte[32]));
        byte[] signed = signedData(pki.signer(ExamplePki.CN_GACC), NOTICE, twoDigests, false);

        PackageRejected refused = refusal(encryptForGateway(signed), ExamplePki.CN_GACC);

        assertThat(refused.reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(refused.getMessage()).contains("message-digest");
    }

    // 4. Zero signers

    /** A SignedData with no SignerInfo verifies vacuously in some libraries; here it is unsigned. */
    @Test
    void refusesSignedDataWithoutSigners() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(pki.signer(ExamplePki.CN_GACC).chain()));
        byte[] signed = generator.generate(new CMSProcessableByteArray(NOTICE), true).getEncoded();

        assertThat(refusal(encryptForGateway(signed), ExamplePki.CN_GACC).reason()).isEqualTo(RejectReason.NOT_SIGNED);
    }

    // 5. The claimed signing time never overrides revocation or expiry

    /**
     * The holder of a compromised key can write any signing time; back-dating it before the
     * revocation must not make the signature acceptable, nor hide that the certificate is revoked.
     */
    @Test
    void refusesRevokedSignerEvenWithSigningTimeBeforeRevocation() throws Exception {
        Instant revokedOn = revocationDate(ExamplePki.HK_CED);
        byte[] signed = signedData(pki.signer(ExamplePki.HK_CED, ExamplePki.REVOKED_SIGNER), NOTICE,
                signingTime(revokedOn.minus(Duration.ofDays(1))), false);

        assertThat(refusal(encryptForGateway(signed), ExamplePki.HK_CED).reason()).isEqualTo(RejectReason.CERT_REVOKED);
    }

    /** Validity is judged at the time we receive the package, not at the time the sender claims. */
    @Test
    void refusesExpiredSignerEvenWithSigningTimeInsideItsValidity() throws Exception {
        KeyMaterial expired = pki.signer(ExamplePki.JP_CUSTOMS, ExamplePki.EXPIRED_SIGNER);
        X509Certificate certificate = expired.certificate();
        Instant insideValidity = certificate.getNotAfter().toInstant().minus(Duration.ofDays(7));
        assertThat(insideValidity).isAfter(certificate.getNotBefore().toInstant());
        byte[] signed = signedData(expired, NOTICE, signingTime(insideValidity), false);

        assertThat(refusal(encryptForGateway(signed), ExamplePki.JP_CUSTOMS).reason()).isEqualTo(RejectReason.CERT_EXPIRED);
    }

    // 6. Signing time in the future

    @Test
    void refusesSigningTimeMoreThanFiveMinutesInTheFuture() throws Exception {
        byte[] signed = signedData(pki.signer(ExamplePki.CN_GACC), NOTICE,
                signingTime(Instant.now().plus(Duration.ofMinutes(30))), false);

        PackageRejected refused = refusal(encryptForGateway(signed), ExamplePki.CN_GACC);

        assertThat(refused.reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(refused.getMessage()).contains("future");
    }

    // 7. No padding oracle for PKCS#1 v1.5 key transport

    /**
     * Bleichenbacher's attack needs the gateway to answer differently when the RSA PKCS#1 v1.5
     * padding of the encrypted key is wrong than when it is right. AES-GCM (AuthEnvelopedData): a
     * damaged key block, a well-formed block holding a key of the wrong size, and damaged content
     * must all get the same answer.
     */
    @Test
    void corruptEncryptedKeyAndCorruptContentAreIndistinguishableWithGcm() throws Exception {
        byte[] sealed = openSslLegacyPackage("-aes-256-gcm");

        PackageRejected badKey = legacyRefusal(corruptEncryptedKey(sealed));
        PackageRejected wrongSizeKey = legacyRefusal(wellFormedKeyOfWrongSize(sealed));
        PackageRejected badContent = legacyRefusal(corruptContent(sealed, false));

        assertThat(badKey.reason()).as(badKey.summary()).isEqualTo(RejectReason.DECRYPTION_FAILED);
        assertThat(wrongSizeKey.summary()).isEqualTo(badKey.summary());
        assertThat(badContent.summary()).isEqualTo(badKey.summary());
    }

    /**
     * The same for AES-CBC (EnvelopedData), where only the padding reveals damage. A damaged key
     * block is replaced by a random key, and one random key in 256 passes the CBC padding check;
     * that case must not answer differently either (1,500 openings of one such package all gave the same answer).
     */
    @Test
    void corruptEncryptedKeyAndCorruptContentAreIndistinguishableWithCbc() throws Exception {
        byte[] sealed = openSslLegacyPackage("-aes-256-cbc");

        PackageRejected badKey = legacyRefusal(corruptEncryptedKey(sealed));
        PackageRejected wrongSizeKey = legacyRefusal(wellFormedKeyOfWrongSize(sealed));
        PackageRejected badContent = legacyRefusal(corruptContent(sealed, true));

        assertThat(badKey.reason()).as(badKey.summary()).isEqualTo(RejectReason.DECRYPTION_FAILED);
        assertThat(wrongSizeKey.summary()).isEqualTo(badKey.summary());
        assertThat(badContent.summary()).isEqualTo(badKey.summary());
    }

    // 8. Short GCM tags

    /** A 64-bit tag makes forgeries far cheaper; the policy refuses it before decrypting anything. */
    @Test
    void refusesGcmTagShorterThan96Bits() throws Exception {
        byte[] sealed = sealWithPackageSealer(NOTICE);
        ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(sealed));
        AuthEnvelopedData envelope = AuthEnvelopedData.getInstance(info.getContent());
        EncryptedContentInfo content = envelope.getAuthEncryptedContentInfo();
        AlgorithmIdentifier algorithm = content.getContentEncryptionAlgorithm();
        GCMParameters parameters = GCMParameters.getInstance(algorithm.getParameters());
        // Written by hand: BC's GCMParameters refuses to construct an 8-byte ICV length.
        AlgorithmIdentifier shortTag = new AlgorithmIdentifier(algorithm.getAlgorithm(),
                new DERSequence(new ASN1Encodable[] {new DEROctetString(parameters.getNonce()), new ASN1Integer(8)}));
        AuthEnvelopedData weakened = new AuthEnvelopedData(envelope.getOriginatorInfo(), envelope.getRecipientInfos(),
                new EncryptedContentInfo(content.getContentType(), shortTag, content.getEncryptedContent()),
                envelope.getAuthAttrs(), envelope.getMac(), envelope.getUnauthAttrs());
        byte[] tampered = new ContentInfo(CMSObjectIdentifiers.authEnvelopedData, weakened).getEncoded();

        PackageRejected refused = refusal(tampered, ExamplePki.CN_GACC);

        assertThat(refused.reason()).as(refused.summary()).isEqualTo(RejectReason.WEAK_ALGORITHM);
        assertThat(refused.getMessage()).contains("64 bits");
    }

    // 9. Compressed content expands only up to a limit

    @Test
    void opensSignedThenCompressedThenEncryptedPackage() throws Exception {
        byte[] content = (new String(NOTICE, StandardCharsets.UTF_8).repeat(200)).getBytes(StandardCharsets.UTF_8);
        Path sealed = temp.resolve("compressed.p7m");
        try (OutputStream out = Files.newOutputStream(sealed)) {
            signCompressEncrypt(out, content.length, content);
        }

        try (InputStream in = Files.newInputStream(sealed);
             OpenedPackage opened = pki.opener(workDir).open(in, ExamplePki.CN_GACC)) {
            assertThat(Files.readAllBytes(opened.content().path())).isEqualTo(content);
        }
    }

    /** 64 MB of zeros compress to some 64 KB: the limit must stop the expansion, not the disk filling up. */
    @Test
    void refusesCompressionBombBeyondExpansionLimitAndLeavesNoSpool() throws Exception {
        Path sealed = temp.resolve("bomb.p7m");
        try (OutputStream out = Files.newOutputStream(sealed)) {
            signCompressEncrypt(out, 64L * 1024 * 1024, new byte[1024 * 1024]);
        }
        assertThat(Files.size(sealed)).isLessThan(1024 * 1024);
        OpenLimits defaults = OpenLimits.defaults();
        PackageOpener opener = new PackageOpener(new GatewayKeys(List.of(pki.gatewayKey())), pki.directory(),
                AlgorithmPolicy.strict(), new OpenLimits(defaults.maxPackageBytes(), defaults.maxContentBytes(), 8L * 1024 * 1024),
                workDir, Clock.systemUTC());

        PackageRejected refused;
        try (InputStream in = Files.newInputStream(sealed)) {
            refused = catchThrowableOfType(PackageRejected.class, () -> opener.open(in, ExamplePki.CN_GACC));
        }

        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(filesIn(workDir)).isEmpty();
    }

    // 10. Refused packages leave no files behind

    @Test
    void leavesNoFilesAfterDecryptionFailure() throws Exception {
        byte[] sealed = sealWithPackageSealer(NOTICE);
        byte[] damaged = sealed.clone();
        damaged[damaged.length - 40] ^= 0x01;

        assertThat(refusal(damaged, ExamplePki.CN_GACC).reason()).isEqualTo(RejectReason.DECRYPTION_FAILED);
        assertThat(filesIn(workDir)).isEmpty();
    }

    /** The content was spooled to disk before the signature check failed; the spool must go with the refusal. */
    @Test
    void leavesNoFilesAfterBadSignature() throws Exception {
        byte[] signed = signedData(pki.signer(ExamplePki.CN_GACC), NOTICE,
                signingTime(Instant.now().plus(Duration.ofHours(2))), false);

        assertThat(refusal(encryptForGateway(signed), ExamplePki.CN_GACC).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(filesIn(workDir)).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private PackageRejected refusal(byte[] sealed, String partnerId) {
        return refusal(pki.opener(workDir), sealed, partnerId);
    }

    private static PackageRejected refusal(PackageOpener opener, byte[] sealed, String partnerId) {
        PackageRejected refused = catchThrowableOfType(PackageRejected.class,
                () -> opener.open(new ByteArrayInputStream(sealed), partnerId).close());
        assertThat(refused).as("the package must be refused").isNotNull();
        return refused;
    }

    /** Refusal by an opener whose CN-GACC partner is allowed PKCS#1 v1.5 key transport. */
    private PackageRejected legacyRefusal(byte[] sealed) {
        return refusal(legacyOpener(), sealed, ExamplePki.CN_GACC);
    }

    private PackageOpener legacyOpener() {
        List<Partner> partners = new ArrayList<>();
        for (String id : ExamplePki.PARTNER_IDS) {
            Partner p = pki.partner(id);
            partners.add(id.equals(ExamplePki.CN_GACC)
                    ? new Partner(p.id(), p.name(), p.trustAnchors(), p.pinnedCertificates(), p.crls(), true, p.mailAddresses())
                    : p);
        }
        return new PackageOpener(new GatewayKeys(List.of(pki.gatewayKey())), PartnerDirectory.of(partners.toArray(Partner[]::new)),
                AlgorithmPolicy.strict(), OpenLimits.defaults(), workDir, Clock.systemUTC());
    }

    /** openssl's default key transport for an RSA recipient is PKCS#1 v1.5. */
    private byte[] openSslLegacyPackage(String cipher) throws IOException {
        Path content = Files.write(temp.resolve("notice.xml"), NOTICE);
        Path out = temp.resolve("legacy" + cipher + ".p7m");
        OpenSsl.signThenEncrypt(content, pki.partnerFile(ExamplePki.CN_GACC, "signer.pem"),
                pki.partnerFile(ExamplePki.CN_GACC, "signer-key.pem"), pki.gatewayFile("encryption.pem"),
                List.of(), List.of(cipher), "DER", out);
        byte[] sealed = Files.readAllBytes(out);
        KeyTransRecipientInfo recipient = keyTransRecipient(sealed);
        assertThat(recipient.getKeyEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.rsaEncryption);
        // Sanity: the untouched package opens for the legacy partner, so the refusals below come from the damage.
        try (OpenedPackage opened = legacyOpener().open(new ByteArrayInputStream(sealed), ExamplePki.CN_GACC)) {
            assertThat(Files.readAllBytes(opened.content().path())).isEqualTo(NOTICE);
        } catch (PackageRejected e) {
            throw new AssertionError("the undamaged legacy package must open: " + e.summary(), e);
        }
        return sealed;
    }

    private static KeyTransRecipientInfo keyTransRecipient(byte[] sealed) throws IOException {
        ASN1Set recipients = recipientInfos(sealed);
        return KeyTransRecipientInfo.getInstance(RecipientInfo.getInstance(recipients.getObjectAt(0)).getInfo());
    }

    private static ASN1Set recipientInfos(byte[] sealed) throws IOException {
        ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(sealed));
        return CMSObjectIdentifiers.authEnvelopedData.equals(info.getContentType())
                ? AuthEnvelopedData.getInstance(info.getContent()).getRecipientInfos()
                : EnvelopedData.getInstance(info.getContent()).getRecipientInfos();
    }

    private static byte[] encryptedContent(byte[] sealed) throws IOException {
        ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(sealed));
        EncryptedContentInfo content = CMSObjectIdentifiers.authEnvelopedData.equals(info.getContentType())
                ? AuthEnvelopedData.getInstance(info.getContent()).getAuthEncryptedContentInfo()
                : EnvelopedData.getInstance(info.getContent()).getEncryptedContentInfo();
        return content.getEncryptedContent().getOctets();
    }

    /** Flips a byte in the middle of the RecipientInfo's encryptedKey, found by parsing the package. */
    private static byte[] corruptEncryptedKey(byte[] sealed) throws IOException {
        byte[] encryptedKey = keyTransRecipient(sealed).getEncryptedKey().getOctets();
        int at = indexOf(sealed, encryptedKey);
        byte[] damaged = sealed.clone();
        damaged[at + encryptedKey.length / 2] ^= 0x5a;
        return damaged;
    }

    /**
     * Replaces the encryptedKey with a correctly padded PKCS#1 v1.5 block, under the gateway's own
     * public key, that holds 7 bytes instead of a 32-byte AES key: what an attacker's probe looks
     * like when its padding happens to be right.
     */
    private byte[] wellFormedKeyOfWrongSize(byte[] sealed) throws Exception {
        byte[] encryptedKey = keyTransRecipient(sealed).getEncryptedKey().getOctets();
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, pki.gatewayCertificate().getPublicKey());
        byte[] replacement = rsa.doFinal(new byte[7]);
        assertThat(replacement).hasSameSizeAs(encryptedKey);
        byte[] probe = sealed.clone();
        System.arraycopy(replacement, 0, probe, indexOf(sealed, encryptedKey), replacement.length);
        return probe;
    }

    /**
     * Damages the ciphertext of the content. For CBC the last byte of the second-to-last block is
     * inverted, which turns the padding byte into a value above 16: a padding failure for certain.
     */
    private static byte[] corruptContent(byte[] sealed, boolean cbc) throws IOException {
        byte[] ciphertext = encryptedContent(sealed);
        int at = indexOf(sealed, ciphertext);
        byte[] damaged = sealed.clone();
        if (cbc) {
            damaged[at + ciphertext.length - 17] ^= (byte) 0xff;
        } else {
            damaged[at + ciphertext.length / 2] ^= 0x01;
        }
        return damaged;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("the parsed value is not stored contiguously in the package (" + needle.length + " bytes)");
    }

    /** A ContentInfo(SignedData) over {@code content}, with the given signed-attribute generator. */
    private byte[] signedData(KeyMaterial signer, byte[] content, CMSAttributeTableGenerator signedAttributes, boolean direct)
            throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(signerInfo(signer, signedAttributes, direct));
        generator.addCertificates(new JcaCertStore(signer.chain()));
        return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
    }

    private SignerInfoGenerator signerInfo(KeyMaterial signer, CMSAttributeTableGenerator signedAttributes, boolean direct)
            throws Exception {
        JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(bc).build());
        if (direct) {
            builder.setDirectSignature(true);
        } else if (signedAttributes != null) {
            builder.setSignedAttributeGenerator(signedAttributes);
        }
        return builder.build(new JcaContentSignerBuilder(PackageSealer.signatureAlgorithm(signer.privateKey()))
                .setProvider(bc).build(signer.privateKey()), signer.certificate());
    }

    /** The standard signed attributes, with our own signing time instead of now. */
    private static CMSAttributeTableGenerator signingTime(Instant at) {
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(at)))));
        return new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes));
    }

    private Instant revocationDate(String partnerId) throws IOException {
        var crl = org.dragongate.trust.CertificateFiles.crls(pki.partnerFile(partnerId, ExamplePki.CA_CRL_FILE)).get(0);
        var entry = crl.getRevokedCertificate(pki.signer(partnerId, ExamplePki.REVOKED_SIGNER).certificate());
        assertThat(entry).as("the revoked signer is on its CA's CRL").isNotNull();
        return entry.getRevocationDate().toInstant();
    }

    /** AuthEnvelopedData (AES-256-GCM, RSA-OAEP SHA-256) for the gateway's RSA key, as the format prescribes. */
    private byte[] encryptForGateway(byte[] inner) throws Exception {
        CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(gatewayRecipient());
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .setProvider(bc).build();
        return generator.generate(new CMSProcessableByteArray(inner), encryptor).getEncoded();
    }

    private JceKeyTransRecipientInfoGenerator gatewayRecipient() throws Exception {
        OAEPParameterSpec oaep = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
        return new JceKeyTransRecipientInfoGenerator(pki.gatewayCertificate(),
                new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, oaep))
                .setProvider(bc);
    }

    private byte[] sealWithPackageSealer(byte[] content) throws IOException {
        Path notice = Files.write(temp.resolve("sealed-notice.xml"), content);
        var out = new java.io.ByteArrayOutputStream();
        new PackageSealer().seal(pki.signer(ExamplePki.CN_GACC), List.of(pki.gatewayCertificate()), notice, List.of(),
                SealOptions.defaults(), out);
        return out.toByteArray();
    }

    /**
     * Signs, compresses (CMS CompressedData, zlib) and encrypts in one stream: {@code total} bytes made
     * of {@code block} repeated, so a bomb never has to exist in memory or on disk uncompressed.
     */
    private void signCompressEncrypt(OutputStream out, long total, byte[] block) throws Exception {
        CMSAuthEnvelopedDataStreamGenerator envelope = new CMSAuthEnvelopedDataStreamGenerator();
        envelope.addRecipientInfoGenerator(gatewayRecipient());
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .setProvider(bc).build();
        OutputStream encrypted = envelope.open(out, encryptor);
        OutputStream compressed = new CMSCompressedDataStreamGenerator()
                .open(CMSObjectIdentifiers.signedData, encrypted, new ZlibCompressor());
        CMSSignedDataStreamGenerator signature = new CMSSignedDataStreamGenerator();
        KeyMaterial signer = pki.signer(ExamplePki.CN_GACC);
        signature.addSignerInfoGenerator(signerInfo(signer, null, false));
        signature.addCertificates(new JcaCertStore(signer.chain()));
        OutputStream signed = signature.open(compressed, true);
        for (long written = 0; written < total; written += block.length) {
            signed.write(block, 0, (int) Math.min(block.length, total - written));
        }
        signed.close();
        compressed.close();
        encrypted.close();
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
