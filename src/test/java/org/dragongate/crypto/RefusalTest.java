package org.dragongate.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.dragongate.pki.ExamplePki;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.dragongate.testing.OpenSsl;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestPki;
import org.dragongate.trust.CertificateFiles;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One refusal per {@link RejectReason}: each bad package is made the way a partner (or an attacker)
 * would make it, with the real {@code openssl} command where it can, and must be refused with its
 * code and a message an administrator or partner can act on. No message may repeat the content.
 */
class RefusalTest {
    private static final TestPki PKI = TestPki.shared();
    private static final String CN_GACC = ExamplePki.CN_GACC;
    private static final String AU_ABF = ExamplePki.AU_ABF;
    /** The partner id under which a test CA is registered. */
    private static final String TEST_PARTNER = "XX-TEST";

    /** Words from the notice that no refusal message may repeat: refusals go to logs, quarantine listings and receipts. */
    private static final String MARKER = "MSCU7654321";
    private static final String NOTICE = "<notice><kind>alert</kind><container>SECRET-CARGO-" + MARKER
            + "</container><commodity>heroin hidden in ceramic tiles</commodity></notice>\n";

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- MALFORMED

    @Test
    void refusesRandomBytesAsMalformed() throws Exception {
        byte[] noise = new byte[4096];
        new Random(20240611L).nextBytes(noise);
        Path garbage = write("random.p7m", noise);

        PackageRejected refusal = refusal(garbage, CN_GACC, RejectReason.MALFORMED);

        assertThat(refusal.getMessage()).contains("openssl cms -encrypt");
    }

    @Test
    void refusesEmptyFileAsMalformed() throws Exception {
        PackageRejected refusal = refusal(write("empty.p7m", new byte[0]), CN_GACC, RejectReason.MALFORMED);

        assertThat(refusal.getMessage()).contains("empty");
    }

    /** A transfer that broke off inside the unencrypted header (the recipient infos) leaves no CMS to parse. */
    @Test
    void refusesPackageTruncatedInsideItsHeaderAsMalformed() throws Exception {
        byte[] sealed = Files.readAllBytes(sealedForGateway(CN_GACC, OpenSsl.oaepGcm(), "good.p7m"));
        Path truncated = write("header-only.p7m", Arrays.copyOf(sealed, 300));

        PackageRejected refusal = refusal(truncated, CN_GACC, RejectReason.MALFORMED);

        assertThat(refusal.getMessage()).contains("openssl cms -encrypt");
    }

    /**
     * Cut in half, the break falls inside the encrypted content: the gateway cannot tell a cut from
     * tampering there without becoming an oracle, so the package counts as damaged (the enum's
     * "tampered, truncated"), and the message tells the partner to send it again.
     */
    @Test
    void refusesPackageCutInHalfAsDamaged() throws Exception {
        byte[] sealed = Files.readAllBytes(sealedForGateway(CN_GACC, OpenSsl.oaepGcm(), "good.p7m"));
        Path half = write("half.p7m", Arrays.copyOf(sealed, sealed.length / 2));

        PackageRejected refusal = refusal(half, CN_GACC, RejectReason.DECRYPTION_FAILED);

        assertThat(refusal.getMessage()).contains("send it again");
    }

    @Test
    void refusesCmsOfAnotherTypeAsMalformed() throws Exception {
        Path digested = dir.resolve("digested.p7m");
        OpenSsl.run("cms", "-digest_create", "-binary", "-in", notice().toString(), "-outform", "DER", "-out", digested.toString());

        PackageRejected refusal = refusal(digested, CN_GACC, RejectReason.MALFORMED);

        assertThat(refusal.getMessage()).contains("1.2.840.113549.1.7.5").contains("AuthEnvelopedData");
    }

    /** Exactly one signer, the sending partner: a second signature would leave it open whose package it is. */
    @Test
    void refusesPackageWithTwoSignersAsMalformed() throws Exception {
        Path signed = dir.resolve("two-signers.der");
        OpenSsl.run("cms", "-sign", "-nodetach", "-binary", "-in", notice().toString(),
                "-signer", signerCert(CN_GACC).toString(), "-inkey", signerKey(CN_GACC).toString(),
                "-signer", signerCert(AU_ABF).toString(), "-inkey", signerKey(AU_ABF).toString(),
                "-outform", "DER", "-out", signed.toString());
        Path sealed = encryptForGateway(signed, OpenSsl.oaepGcm(), "two-signers.p7m");

        PackageRejected refusal = refusal(sealed, CN_GACC, RejectReason.MALFORMED);

        assertThat(refusal.getMessage()).contains("2 signers").contains("exactly one");
    }

    // ---------------------------------------------------------------- NOT_ENCRYPTED, NOT_SIGNED, NOT_FOR_US

    @Test
    void refusesSignedButUnencryptedPackage() throws Exception {
        Path signedOnly = signedBy(CN_GACC, "signed-only.p7m");

        PackageRejected refusal = refusal(signedOnly, CN_GACC, RejectReason.NOT_ENCRYPTED);

        assertThat(refusal.getMessage()).contains("openssl cms -encrypt");
    }

    @Test
    void refusesEncryptedButUnsignedDocument() throws Exception {
        Path unsigned = encryptForGateway(notice(), OpenSsl.oaepGcm(), "unsigned.p7m");

        PackageRejected refusal = refusal(unsigned, CN_GACC, RejectReason.NOT_SIGNED);

        assertThat(refusal.getMessage()).contains("openssl cms -sign");
    }

    /** A partner that picked the wrong certificate from the directory: the message names the one to use. */
    @Test
    void refusesPackageEncryptedOnlyForAContactPoint() throws Exception {
        Path forContactPoint = encrypt(signedBy(CN_GACC, "signed.der"),
                PKI.contactPointFile(ExamplePki.VN_CUSTOMS_ASI, "encryption.pem"), OpenSsl.oaepGcm(), "wrong-recipient.p7m");

        PackageRejected refusal = refusal(forContactPoint, CN_GACC, RejectReason.NOT_FOR_US);

        assertThat(refusal.getMessage()).contains(subject(PKI.gatewayCertificate()));
    }

    // ---------------------------------------------------------------- DECRYPTION_FAILED

    /** One bit changed in the AES-GCM ciphertext (100 bytes before the end: the 16-byte tag and its 2-byte header come last). */
    @Test
    void refusesGcmPackageWithAlteredCiphertext() throws Exception {
        PackageRejected refusal = refusal(tamperedGcm(), CN_GACC, RejectReason.DECRYPTION_FAILED);

        assertThat(refusal.getMessage()).contains("send it again");
    }

    @Test
    void refusesCbcPackageWithAlteredCiphertext() throws Exception {
        PackageRejected refusal = refusal(tamperedCbc(), CN_GACC, RejectReason.DECRYPTION_FAILED);

        assertThat(refusal.getMessage()).contains("send it again");
    }

    /** The tag is the last thing in the file: a package cut inside it must not open without its check. */
    @Test
    void refusesGcmPackageWithTruncatedTag() throws Exception {
        byte[] sealed = Files.readAllBytes(sealedForGateway(CN_GACC, OpenSsl.oaepGcm(), "good.p7m"));
        Path cut = write("cut-tag.p7m", Arrays.copyOf(sealed, sealed.length - 8));

        PackageRejected refusal = refusal(cut, CN_GACC, RejectReason.DECRYPTION_FAILED);

        assertThat(refusal.getMessage()).contains("send it again");
    }

    /** Whether the tag (GCM) or the padding (CBC) gave the damage away must not show: no padding oracle. */
    @Test
    void reportsTamperedGcmAndCbcPackagesWithTheSameMessage() throws Exception {
        String gcm = refusal(tamperedGcm(), CN_GACC, RejectReason.DECRYPTION_FAILED).getMessage();
        String cbc = refusal(tamperedCbc(), CN_GACC, RejectReason.DECRYPTION_FAILED).getMessage();

        assertThat(cbc).isEqualTo(gcm);
    }

    // ---------------------------------------------------------------- BAD_SIGNATURE

    /** One character of the signed content changed inside the SignedData, then encrypted as usual. */
    @Test
    void refusesPackageWhoseSignedContentWasAltered() throws Exception {
        byte[] signed = Files.readAllBytes(signedBy(CN_GACC, "signed.der"));
        byte[] word = "SECRET-CARGO".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(signed, word);
        assertThat(at).as("the attached content is in the DER as is").isPositive();
        signed[at] = 'T';
        Path altered = encryptForGateway(write("altered.der", signed), OpenSsl.oaepGcm(), "altered.p7m");

        PackageRejected refusal = refusal(altered, CN_GACC, RejectReason.BAD_SIGNATURE);

        assertThat(refusal.getMessage()).contains("altered after signing");
    }

    /** Without signed attributes the signing time and content type are unprotected; RFC 5652 allows it, we do not. */
    @Test
    void refusesSignatureWithoutSignedAttributes() throws Exception {
        Path sealed = sealedForGateway(CN_GACC, List.of("-noattr"), OpenSsl.oaepGcm(), "noattr.p7m");

        PackageRejected refusal = refusal(sealed, CN_GACC, RejectReason.BAD_SIGNATURE);

        assertThat(refusal.getMessage()).contains("signed attributes").contains("signing-time");
    }

    // ---------------------------------------------------------------- UNKNOWN_SIGNER, SIGNER_NOT_PARTNER

    @Test
    void refusesSignerFromCaNotRegisteredForAnyPartner() throws Exception {
        TestCertificates.Authority rogueCa = TestCertificates.authority("Unregistered Agency CA", dir.resolve("rogue"));
        TestCertificates.Issued rogue = rogueCa.endEntity("Unregistered Agency Signer").issue("signer");
        Path sealed = sealedBy(rogue, List.of(), "rogue.p7m");

        PackageRejected refusal = refusal(sealed, CN_GACC, RejectReason.UNKNOWN_SIGNER);

        assertThat(refusal.getMessage()).contains(subject(rogue.certificate())).contains(subject(rogueCa.certificate()))
                .contains("register");
    }

    /** A partner's valid signature on another partner's channel: a stolen or shared account, or a misconfiguration. */
    @Test
    void refusesPackageSignedByAnotherPartnerThanTheChannel() throws Exception {
        Path sealed = sealedForGateway(AU_ABF, OpenSsl.oaepGcm(), "au-abf.p7m");

        PackageRejected refusal = refusal(sealed, CN_GACC, RejectReason.SIGNER_NOT_PARTNER);

        assertThat(refusal.getMessage()).contains("'" + AU_ABF + "'").contains("'" + CN_GACC + "'")
                .contains(subject(PKI.signer(AU_ABF).certificate()));
    }

    // ---------------------------------------------------------------- CERT_*

    @Test
    void refusesExpiredSignerNamingTheExpiryDate() throws Exception {
        Path sealed = OpenSsl.signThenEncrypt(notice(), PKI.partnerFile(ExamplePki.JP_CUSTOMS, "expired-signer.pem"),
                PKI.partnerFile(ExamplePki.JP_CUSTOMS, "expired-signer-key.pem"), gatewayCert(), List.of(), OpenSsl.oaepGcm(),
                "DER", dir.resolve("expired.p7m"));
        X509Certificate expired = PKI.signer(ExamplePki.JP_CUSTOMS, ExamplePki.EXPIRED_SIGNER).certificate();

        PackageRejected refusal = refusal(sealed, ExamplePki.JP_CUSTOMS, RejectReason.CERT_EXPIRED);

        assertThat(refusal.getMessage()).contains(subject(expired)).contains(expired.getNotAfter().toInstant().toString());
    }

    @Test
    void refusesSignerCertificateNotYetValid() throws Exception {
        TestCertificates.Authority ca = TestCertificates.authority("Test Agency CA", dir.resolve("ca"));
        Instant tomorrow = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);
        TestCertificates.Issued early = ca.endEntity("Test Agency Future Signer")
                .validity(tomorrow, tomorrow.plus(365, ChronoUnit.DAYS)).issue("future-signer");
        Path sealed = sealedBy(early, List.of(), "future.p7m");

        PackageRejected refusal = refusal(openerFor(examplePartnersAnd(ca.partner(TEST_PARTNER))), sealed, TEST_PARTNER,
                RejectReason.CERT_NOT_YET_VALID);

        assertThat(refusal.getMessage()).contains(subject(early.certificate())).contains(tomorrow.toString());
    }

    /** HK-CED's registered CRL lists revoked-signer; the message gives the date so the admin can find what was signed since. */
    @Test
    void refusesRevokedSignerNamingTheRevocationDate() throws Exception {
        Path sealed = OpenSsl.signThenEncrypt(notice(), PKI.partnerFile(ExamplePki.HK_CED, "revoked-signer.pem"),
                PKI.partnerFile(ExamplePki.HK_CED, "revoked-signer-key.pem"), gatewayCert(), List.of(), OpenSsl.oaepGcm(),
                "DER", dir.resolve("revoked.p7m"));
        X509Certificate revoked = PKI.signer(ExamplePki.HK_CED, ExamplePki.REVOKED_SIGNER).certificate();
        X509CRL crl = CertificateFiles.crls(PKI.partnerFile(ExamplePki.HK_CED, ExamplePki.CA_CRL_FILE)).get(0);
        Instant revokedOn = crl.getRevokedCertificate(revoked).getRevocationDate().toInstant();

        PackageRejected refusal = refusal(sealed, ExamplePki.HK_CED, RejectReason.CERT_REVOKED);

        assertThat(refusal.getMessage()).contains(subject(revoked)).contains(revokedOn.toString());
    }

    /** A partner's encryption certificate used to sign: trusted CA, in date, but not a signing key. */
    @Test
    void refusesSignerCertificateWithoutDigitalSignatureKeyUsage() throws Exception {
        TestCertificates.Authority ca = TestCertificates.authority("Test Agency CA", dir.resolve("ca"));
        TestCertificates.Issued encryptionOnly = ca.endEntity("Test Agency Encryption")
                .keyUsage(KeyUsage.keyEncipherment).issue("encryption");
        Path sealed = sealedBy(encryptionOnly, List.of(), "encryption-signed.p7m");

        PackageRejected refusal = refusal(openerFor(examplePartnersAnd(ca.partner(TEST_PARTNER))), sealed, TEST_PARTNER,
                RejectReason.CERT_INVALID);

        assertThat(refusal.getMessage()).contains(subject(encryptionOnly.certificate())).contains("digitalSignature");
    }

    // ---------------------------------------------------------------- REVOCATION_UNKNOWN

    /**
     * CN-GACC registered with a CRL, but one of HK-CED's CA: revocation is required for the partner and
     * nothing can say whether its signer is revoked, which must never pass as "not revoked".
     */
    @Test
    void refusesWhenThePartnersCrlsDoNotCoverTheSignersIssuer() throws Exception {
        Partner gacc = PKI.partner(CN_GACC);
        Partner withForeignCrl = new Partner(gacc.id(), gacc.name(), gacc.trustAnchors(), gacc.pinnedCertificates(),
                PKI.partner(ExamplePki.HK_CED).crls(), false, gacc.mailAddresses());
        Path sealed = sealedForGateway(CN_GACC, OpenSsl.oaepGcm(), "gacc.p7m");

        PackageRejected refusal = refusal(openerFor(examplePartnersAnd(withForeignCrl)), sealed, CN_GACC,
                RejectReason.REVOCATION_UNKNOWN);

        assertThat(refusal.getMessage()).contains(subject(PKI.signer(CN_GACC).certificate())).contains("'" + CN_GACC + "'")
                .contains("CRL");
    }

    // ---------------------------------------------------------------- WEAK_ALGORITHM

    @Test
    void refusesSha1SignatureDigest() throws Exception {
        Path sealed = sealedForGateway(CN_GACC, List.of("-md", "sha1"), OpenSsl.oaepGcm(), "sha1.p7m");

        PackageRejected refusal = refusal(sealed, CN_GACC, RejectReason.WEAK_ALGORITHM);

        assertThat(refusal.getMessage()).contains("SHA-1").contains("SHA-256");
    }

    /** OpenSSL 3 still signs with MD5 for RSA keys (not for ECDSA), so a careless partner can produce it. */
    @Test
    void refusesMd5SignatureDigest() throws Exception {
        Path sealed = sealedForGateway(CN_GACC, List.of("-md", "md5"), OpenSsl.oaepGcm(), "md5.p7m");

        PackageRejected refusal = refusal(sealed, CN_GACC, RejectReason.WEAK_ALGORITHM);

        assertThat(refusal.getMessage()).contains("MD5").contains("SHA-256");
    }

    /** Registered CA, valid certificate, SHA-256: only the key is too short. */
    @Test
    void refusesRsa1024Signer() throws Exception {
        TestCertificates.Authority ca = TestCertificates.authority("Test Agency CA", dir.resolve("ca"));
        TestCertificates.Issued shortKey = ca.endEntity("Test Agency Short Key Signer").rsa(1024).issue("short-key");
        Path sealed = sealedBy(shortKey, List.of(), "rsa1024.p7m");

        PackageRejected refusal = refusal(openerFor(examplePartnersAnd(ca.partner(TEST_PARTNER))), sealed, TEST_PARTNER,
                RejectReason.WEAK_ALGORITHM);

        assertThat(refusal.getMessage()).contains(subject(shortKey.certificate())).contains("1024").contains("2048");
    }

    @Test
    void refusesTripleDesContentCipher() throws Exception {
        Path sealed = sealedForGateway(CN_GACC, List.of("-des3", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"),
                "des3.p7m");

        PackageRejected refusal = refusal(sealed, CN_GACC, RejectReason.WEAK_ALGORITHM);

        // des-ede3-cbc, and the cipher to use instead
        assertThat(refusal.getMessage()).contains("3DES").contains("AES-256-GCM");
    }

    /** openssl's default for RSA recipients is PKCS#1 v1.5, open to Bleichenbacher-style attacks: refused unless the partner is allowed it. */
    @Test
    void refusesPkcs1KeyTransportFromPartnerNotAllowedLegacy() throws Exception {
        Path sealed = sealedForGateway(CN_GACC, List.of("-aes-256-gcm"), "pkcs1.p7m");

        PackageRejected refusal = refusal(sealed, CN_GACC, RejectReason.WEAK_ALGORITHM);

        assertThat(refusal.getMessage()).contains("PKCS#1 v1.5").contains("rsa_padding_mode:oaep");
    }

    /** The same package as above opens once the administrators allow legacy key transport for the partner. */
    @Test
    void opensPkcs1KeyTransportFromPartnerAllowedLegacy() throws Exception {
        Partner gacc = PKI.partner(CN_GACC);
        Partner legacy = new Partner(gacc.id(), gacc.name(), gacc.trustAnchors(), gacc.pinnedCertificates(), gacc.crls(),
                true, gacc.mailAddresses());
        Path sealed = sealedForGateway(CN_GACC, List.of("-aes-256-gcm"), "pkcs1.p7m");

        try (OpenedPackage opened = openerFor(examplePartnersAnd(legacy)).open(Files.newInputStream(sealed), CN_GACC)) {
            assertThat(opened.partner().id()).isEqualTo(CN_GACC);
            assertThat(content(opened)).isEqualTo(NOTICE);
        }
    }

    /** {@code -keyopt rsa_padding_mode:oaep} alone gives OAEP with SHA-1 and MGF1-SHA-1. */
    @Test
    void refusesOaepWithSha1() throws Exception {
        Path sealed = sealedForGateway(CN_GACC, List.of("-aes-256-gcm", "-keyopt", "rsa_padding_mode:oaep"), "oaep-sha1.p7m");

        PackageRejected refusal = refusal(sealed, CN_GACC, RejectReason.WEAK_ALGORITHM);

        assertThat(refusal.getMessage()).contains("RSA-OAEP").contains("rsa_oaep_md:sha256");
    }

    // ---------------------------------------------------------------- TOO_LARGE

    @Test
    void refusesPackageLargerThanThePackageLimit() throws Exception {
        Path sealed = sealedForGateway(CN_GACC, OpenSsl.oaepGcm(), "good.p7m");
        assertThat(Files.size(sealed)).isGreaterThan(1000);
        OpenLimits defaults = OpenLimits.defaults();

        PackageRejected refusal = refusal(openerWith(new OpenLimits(1000, defaults.maxContentBytes(), defaults.maxExpandedBytes())),
                sealed, CN_GACC, RejectReason.TOO_LARGE);

        assertThat(refusal.getMessage()).contains("package").contains("1000 bytes");
    }

    @Test
    void refusesContentLargerThanTheContentLimit() throws Exception {
        Path sealed = sealedForGateway(CN_GACC, OpenSsl.oaepGcm(), "good.p7m");
        assertThat(NOTICE.length()).isGreaterThan(64);
        OpenLimits defaults = OpenLimits.defaults();

        PackageRejected refusal = refusal(openerWith(new OpenLimits(defaults.maxPackageBytes(), 64, defaults.maxExpandedBytes())),
                sealed, CN_GACC, RejectReason.TOO_LARGE);

        assertThat(refusal.getMessage()).contains("content").contains("64 bytes");
    }

    // ---------------------------------------------------------------- the flow goes on

    /** Failures never stop the flow: the opener keeps no state from a refused package. */
    @Test
    void opensTheNextGoodPackageAfterARefusal() throws Exception {
        PackageOpener opener = PKI.opener(work());
        Path tampered = tamperedGcm();
        Path good = sealedForGateway(CN_GACC, OpenSsl.oaepGcm(), "good.p7m");

        refusal(opener, tampered, CN_GACC, RejectReason.DECRYPTION_FAILED);
        try (OpenedPackage opened = opener.open(Files.newInputStream(good), CN_GACC)) {
            assertThat(opened.partner().id()).isEqualTo(CN_GACC);
            assertThat(content(opened)).isEqualTo(NOTICE);
        }
    }

    /** Decrypted plaintext of a refused package must not stay on disk in the work directory. */
    @Test
    void leavesNoSpoolFilesBehindWhenRefusing() throws Exception {
        Path work = work();
        PackageOpener opener = PKI.opener(work);
        Path altered = sealedForGateway(AU_ABF, OpenSsl.oaepGcm(), "au-abf.p7m");

        refusal(opener, tamperedGcm(), CN_GACC, RejectReason.DECRYPTION_FAILED);
        refusal(opener, altered, CN_GACC, RejectReason.SIGNER_NOT_PARTNER);

        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Opens with the example PKI's opener and returns the refusal, after checking its reason and that it leaks no content. */
    private PackageRejected refusal(Path sealed, String claimedPartnerId, RejectReason expected) throws IOException {
        return refusal(PKI.opener(work()), sealed, claimedPartnerId, expected);
    }

    private PackageRejected refusal(PackageOpener opener, Path sealed, String claimedPartnerId, RejectReason expected)
            throws IOException {
        try (InputStream in = Files.newInputStream(sealed)) {
            try (OpenedPackage opened = opener.open(in, claimedPartnerId)) {
                return fail("expected %s but %s opened, signed by %s", expected, sealed.getFileName(), subject(opened.signer()));
            }
        } catch (PackageRejected refusal) {
            assertThat(refusal.reason()).as("reason for %s: %s", sealed.getFileName(), refusal.getMessage()).isEqualTo(expected);
            assertThat(refusal.getMessage()).as("message of %s", expected).isNotBlank()
                    .doesNotContain(MARKER).doesNotContain("heroin").doesNotContain("<notice>");
            return refusal;
        }
    }

    private PackageOpener openerFor(PartnerDirectory directory) throws IOException {
        return new PackageOpener(new GatewayKeys(List.of(PKI.gatewayKey(), PKI.gatewayEcKey())), directory,
                AlgorithmPolicy.strict(), OpenLimits.defaults(), work(), Clock.systemUTC());
    }

    private PackageOpener openerWith(OpenLimits limits) throws IOException {
        return new PackageOpener(new GatewayKeys(List.of(PKI.gatewayKey(), PKI.gatewayEcKey())), PKI.directory(),
                AlgorithmPolicy.strict(), limits, work(), Clock.systemUTC());
    }

    /** The example partners, with {@code partners} replacing those of the same id or added after them. */
    private static PartnerDirectory examplePartnersAnd(Partner... partners) {
        Map<String, Partner> byId = new LinkedHashMap<>();
        for (Partner partner : PKI.directory().all()) {
            byId.put(partner.id(), partner);
        }
        for (Partner partner : partners) {
            byId.put(partner.id(), partner);
        }
        return PartnerDirectory.of(byId.values().toArray(Partner[]::new));
    }

    private Path work() throws IOException {
        return Files.createDirectories(dir.resolve("work"));
    }

    private Path notice() throws IOException {
        Path notice = dir.resolve("notice.xml");
        if (!Files.exists(notice)) {
            Files.writeString(notice, NOTICE, StandardCharsets.UTF_8);
        }
        return notice;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static Path signerCert(String partnerId) {
        return PKI.partnerFile(partnerId, "signer.pem");
    }

    private static Path signerKey(String partnerId) {
        return PKI.partnerFile(partnerId, "signer-key.pem");
    }

    private static Path gatewayCert() {
        return PKI.gatewayFile("encryption.pem");
    }

    /** {@code openssl cms -sign -nodetach} by the partner's example signer, DER, not encrypted. */
    private Path signedBy(String partnerId, String name) throws IOException {
        Path signed = dir.resolve(name);
        OpenSsl.run("cms", "-sign", "-nodetach", "-binary", "-in", notice().toString(), "-signer", signerCert(partnerId).toString(),
                "-inkey", signerKey(partnerId).toString(), "-outform", "DER", "-out", signed.toString());
        return signed;
    }

    private Path encrypt(Path content, Path recipient, List<String> options, String name) {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("cms", "-encrypt", "-binary", "-in", content.toString(),
                "-recip", recipient.toString(), "-outform", "DER", "-out", out.toString()));
        command.addAll(options);
        OpenSsl.run(command.toArray(String[]::new));
        return out;
    }

    private Path encryptForGateway(Path content, List<String> options, String name) {
        return encrypt(content, gatewayCert(), options, name);
    }

    private Path sealedForGateway(String partnerId, List<String> encryptOptions, String name) throws IOException {
        return sealedForGateway(partnerId, List.of(), encryptOptions, name);
    }

    private Path sealedForGateway(String partnerId, List<String> signOptions, List<String> encryptOptions, String name)
            throws IOException {
        return OpenSsl.signThenEncrypt(notice(), signerCert(partnerId), signerKey(partnerId), gatewayCert(), signOptions,
                encryptOptions, "DER", dir.resolve(name));
    }

    private Path sealedBy(TestCertificates.Issued signer, List<String> signOptions, String name) throws IOException {
        return OpenSsl.signThenEncrypt(notice(), signer.certificateFile(), signer.keyFile(), gatewayCert(), signOptions,
                OpenSsl.oaepGcm(), "DER", dir.resolve(name));
    }

    /** A GCM package with one bit flipped 100 bytes before the end, inside the ciphertext (the tag and its header are the last 18 bytes). */
    private Path tamperedGcm() throws IOException {
        byte[] sealed = Files.readAllBytes(sealedForGateway(CN_GACC, OpenSsl.oaepGcm(), "gcm.p7m"));
        sealed[sealed.length - 100] ^= 0x01;
        return write("gcm-tampered.p7m", sealed);
    }

    /**
     * A CBC package with the last byte of the next-to-last ciphertext block flipped (openssl's DER ends with
     * the ciphertext). That byte XORs into the padding length, which then exceeds the block size, so the
     * damage is certain to surface in the padding check, as tampering does in the GCM tag.
     */
    private Path tamperedCbc() throws IOException {
        byte[] sealed = Files.readAllBytes(sealedForGateway(CN_GACC,
                List.of("-aes-256-cbc", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"), "cbc.p7m"));
        sealed[sealed.length - 17] ^= (byte) 0x80;
        return write("cbc-tampered.p7m", sealed);
    }

    private static String content(OpenedPackage opened) throws IOException {
        try (InputStream in = opened.notice().data().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i <= data.length - part.length; i++) {
            for (int k = 0; k < part.length; k++) {
                if (data[i + k] != part[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
