package org.dragongate.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.OpenSsl;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What our {@code seal} writes opens with the real {@code openssl cms -decrypt} followed by
 * {@code openssl cms -verify}: partners and contact points need no Dragongate tool to read it.
 */
class SealOpensOnOpenSslTest {
    private static final TestPki PKI = TestPki.shared();

    @TempDir
    Path dir;

    /** Options × signer × gateway key: every cipher, both encodings, RSA-OAEP and ECDH recipients. */
    static Stream<Arguments> seals() {
        return Stream.of(
                Arguments.of("defaults (AES-256-GCM, DER)", SealOptions.defaults(), ExamplePki.CN_GACC, ExamplePki.ENCRYPTION),
                Arguments.of("AES-128-GCM", new SealOptions(SealOptions.ContentCipher.AES_128_GCM, SealOptions.Encoding.DER),
                        ExamplePki.AU_ABF, ExamplePki.ENCRYPTION),
                Arguments.of("AES-256-CBC", new SealOptions(SealOptions.ContentCipher.AES_256_CBC, SealOptions.Encoding.DER),
                        ExamplePki.JP_CUSTOMS, ExamplePki.ENCRYPTION),
                Arguments.of("PEM", new SealOptions(SealOptions.ContentCipher.AES_256_GCM, SealOptions.Encoding.PEM),
                        ExamplePki.CN_GACC, ExamplePki.ENCRYPTION),
                Arguments.of("EC recipient", SealOptions.defaults(), ExamplePki.AU_ABF, ExamplePki.ENCRYPTION_EC));
    }

    @ParameterizedTest(name = "{0}, signed by {2}, for gateway {3}")
    @MethodSource("seals")
    void sealedPackageDecryptsAndVerifiesWithOpenSsl(String label, SealOptions options, String partnerId, String gatewayKey)
            throws Exception {
        byte[] notice = notice();
        Path noticeFile = Files.write(dir.resolve("notice.xml"), notice);
        Path sealed = seal(partnerId, gatewayKey, noticeFile, List.of(), options);

        Path signed = decryptWithOpenSsl(sealed, gatewayKey, options.encoding() == SealOptions.Encoding.PEM ? "PEM" : "DER");
        Path verified = verifyWithOpenSsl(signed, partnerId);

        assertThat(Files.readAllBytes(verified)).isEqualTo(notice);
    }

    /** Attachments travel as a multipart/mixed entity, notice first, which any MIME reader can split after openssl. */
    @Test
    void sealedPackageWithTwoAttachmentsVerifiesToMultipartWithNoticeFirst() throws Exception {
        byte[] notice = notice();
        byte[] photo = random(30_000, 1);
        byte[] scan = random(12_345, 2);
        Path noticeFile = Files.write(dir.resolve("notice.xml"), notice);
        Path photoFile = Files.write(dir.resolve("photo.jpg"), photo);
        Path scanFile = Files.write(dir.resolve("scan.pdf"), scan);
        Path sealed = seal(ExamplePki.CN_GACC, ExamplePki.ENCRYPTION, noticeFile, List.of(photoFile, scanFile), SealOptions.defaults());

        Path verified = verifyWithOpenSsl(decryptWithOpenSsl(sealed, ExamplePki.ENCRYPTION, "DER"), ExamplePki.CN_GACC);

        MimeBodyPart entity = new MimeBodyPart(new ByteArrayInputStream(Files.readAllBytes(verified)));
        assertThat(entity.isMimeType("multipart/mixed")).isTrue();
        MimeMultipart parts = new MimeMultipart(new MimePartDataSource(entity));
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(bytes(parts.getBodyPart(0).getInputStream())).isEqualTo(notice);
        assertThat(bytes(parts.getBodyPart(1).getInputStream())).isEqualTo(photo);
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("photo.jpg");
        assertThat(bytes(parts.getBodyPart(2).getInputStream())).isEqualTo(scan);
        assertThat(parts.getBodyPart(2).getFileName()).isEqualTo("scan.pdf");
    }

    /** The recommended algorithms, as openssl reads them: AuthEnvelopedData, AES-256-GCM, RSAES-OAEP with SHA-256. */
    @Test
    void defaultSealIsAuthEnvelopedAes256GcmWithOaepSha256() throws Exception {
        Path sealed = seal(ExamplePki.CN_GACC, ExamplePki.ENCRYPTION, Files.write(dir.resolve("notice.xml"), notice()), List.of(),
                SealOptions.defaults());

        String structure = OpenSsl.output("cms", "-cmsout", "-print", "-inform", "DER", "-in", sealed.toString());

        assertThat(structure).contains("contentType: id-smime-ct-authEnvelopedData (1.2.840.113549.1.9.16.1.23)");
        assertThat(structure).containsPattern("contentEncryptionAlgorithm:\\s*\\n\\s*algorithm: aes-256-gcm \\(2\\.16\\.840\\.1\\.101\\.3\\.4\\.1\\.46\\)");
        assertThat(structure).containsPattern("keyEncryptionAlgorithm:\\s*\\n\\s*algorithm: rsaesOaep \\(1\\.2\\.840\\.113549\\.1\\.1\\.7\\)");
        // RSAES-OAEP-params: hashAlgorithm [0] sha256, maskGenAlgorithm [1] mgf1 with sha256
        assertThat(Pattern.compile("cont \\[ 0 \\]\\s*\\n.*SEQUENCE\\s*\\n.*OBJECT\\s*:sha256\\s*\\n").matcher(structure).find())
                .as("OAEP hash is SHA-256 in:%n%s", structure).isTrue();
        assertThat(Pattern.compile("OBJECT\\s*:mgf1\\s*\\n.*SEQUENCE\\s*\\n.*OBJECT\\s*:sha256").matcher(structure).find())
                .as("OAEP MGF1 hash is SHA-256 in:%n%s", structure).isTrue();
    }

    /** The inner SignedData carries the signed attributes the format requires, so signing time and digest are signed. */
    @Test
    void sealedSignerInfoHasContentTypeMessageDigestAndSigningTime() throws Exception {
        Path sealed = seal(ExamplePki.CN_GACC, ExamplePki.ENCRYPTION, Files.write(dir.resolve("notice.xml"), notice()), List.of(),
                SealOptions.defaults());
        Path signed = decryptWithOpenSsl(sealed, ExamplePki.ENCRYPTION, "DER");

        String structure = OpenSsl.output("cms", "-cmsout", "-print", "-inform", "DER", "-in", signed.toString());

        assertThat(structure).contains("contentType: pkcs7-signedData (1.2.840.113549.1.7.2)");
        String signedAttributes = structure.substring(structure.indexOf("signedAttrs:"));
        assertThat(signedAttributes)
                .contains("object: contentType (1.2.840.113549.1.9.3)")
                .contains("object: messageDigest (1.2.840.113549.1.9.4)")
                .contains("object: signingTime (1.2.840.113549.1.9.5)");
    }

    private Path seal(String partnerId, String gatewayKey, Path notice, List<Path> attachments, SealOptions options) throws IOException {
        KeyMaterial recipient = gatewayKey.equals(ExamplePki.ENCRYPTION_EC) ? PKI.gatewayEcKey() : PKI.gatewayKey();
        Path sealed = dir.resolve("package.p7m");
        try (OutputStream out = Files.newOutputStream(sealed)) {
            new PackageSealer().seal(PKI.signer(partnerId), List.of(recipient.certificate()), notice, attachments, options, out);
        }
        return sealed;
    }

    /** The contact-point recipe: {@code openssl cms -decrypt} with the key and certificate PEM files. */
    private Path decryptWithOpenSsl(Path sealed, String gatewayKey, String inform) {
        Path signed = dir.resolve("signed.der");
        OpenSsl.run("cms", "-decrypt", "-binary", "-inform", inform, "-in", sealed.toString(),
                "-inkey", PKI.gatewayFile(gatewayKey + "-key.pem").toString(), "-recip", PKI.gatewayFile(gatewayKey + ".pem").toString(),
                "-out", signed.toString());
        return signed;
    }

    /** {@code openssl cms -verify} against the partner's CA only: fails (non-zero exit) unless the signature and chain hold. */
    private Path verifyWithOpenSsl(Path signed, String partnerId) {
        Path content = dir.resolve("verified.out");
        OpenSsl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", signed.toString(),
                "-CAfile", PKI.partnerFile(partnerId, ExamplePki.CA_CERT_FILE).toString(), "-out", content.toString());
        return content;
    }

    private static byte[] notice() {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<notice id=\"AU-2026-0117\" kind=\"alert\">\r\n"
                + "  <commodity>Crystal methamphetamine, 40 kg, container MSKU 123456-7, Cát Lái, Hồ Chí Minh</commodity>\r\n".repeat(500)
                + "</notice>\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] bytes(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
