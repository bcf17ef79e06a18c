package org.dragongate.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dragongate.pki.ExamplePki;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.testing.OpenSsl;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packages made by the real {@code openssl cms} command, the way partners are told to make them
 * (docs/package-format.md), open in the gateway: "whatever openssl produces with modern algorithms
 * must be accepted".
 */
class OpenSslInteropTest {
    private static final TestPki PKI = TestPki.shared();
    private static final List<String> OAEP_SHA256 = List.of("-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256");

    @TempDir
    Path dir;

    /** Cipher option × signer (RSA-3072, ECDSA P-256, ECDSA P-384) × output form. */
    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        String[][] ciphers = {{"-aes-256-gcm", "AES-256-GCM"}, {"-aes-128-gcm", "AES-128-GCM"}, {"-aes-256-cbc", "AES-256-CBC"}};
        for (String[] cipher : ciphers) {
            for (String partner : List.of(ExamplePki.CN_GACC, ExamplePki.AU_ABF, ExamplePki.JP_CUSTOMS)) {
                for (String form : List.of("DER", "PEM")) {
                    cases.add(Arguments.of(cipher[0], partner, form, cipher[1]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "openssl cms {0}, signed by {1}, {2}")
    @MethodSource("matrix")
    void opensWhatOpenSslSignsAndEncryptsForTheGatewayWithOaep(String cipherOption, String partnerId, String form,
                                                              String cipherName) throws Exception {
        byte[] notice = notice(partnerId);
        Path content = write("notice.xml", notice);
        List<String> encrypt = new ArrayList<>(List.of(cipherOption));
        encrypt.addAll(OAEP_SHA256);
        Path sealed = sealWithOpenSsl(content, partnerId, PKI.gatewayFile("encryption.pem"), encrypt, form, "package.p7m");

        try (OpenedPackage opened = open(PKI.opener(dir.resolve("work")), sealed, partnerId)) {
            assertOpenedAsSent(opened, partnerId, notice, sealed, cipherName);
            assertThat(opened.gatewayCertificate()).isEqualTo(PKI.gatewayCertificate());
        }
    }

    /** Partners with EC infrastructure encrypt with ECDH (SHA-256 KDF) to the gateway's EC certificate. */
    @Test
    void opensPackageEncryptedWithEcdhForTheGatewayEcKey() throws Exception {
        byte[] notice = notice(ExamplePki.AU_ABF);
        Path sealed = sealWithOpenSsl(write("notice.xml", notice), ExamplePki.AU_ABF, PKI.gatewayFile("encryption-ec.pem"),
                List.of("-aes-256-gcm", "-keyopt", "ecdh_kdf_md:sha256"), "DER", "package.p7m");

        try (OpenedPackage opened = open(PKI.opener(dir.resolve("work")), sealed, ExamplePki.AU_ABF)) {
            assertOpenedAsSent(opened, ExamplePki.AU_ABF, notice, sealed, "AES-256-GCM");
            assertThat(opened.gatewayCertificate()).isEqualTo(PKI.gatewayEcKey().certificate());
        }
    }

    /** Some partners' tools write the DER as bare Base64 (openssl base64), without PEM armour. */
    @Test
    void opensPackageWrittenAsBareBase64() throws Exception {
        byte[] notice = notice(ExamplePki.CN_GACC);
        Path der = sealWithOpenSsl(write("notice.xml", notice), ExamplePki.CN_GACC, PKI.gatewayFile("encryption.pem"),
                OpenSsl.oaepGcm(), "DER", "package.der");
        Path base64 = dir.resolve("package.b64");
        OpenSsl.run("base64", "-in", der.toString(), "-out", base64.toString());
        assertThat(Files.readAllBytes(base64)[0]).as("bare Base64, no PEM armour").isNotEqualTo((byte) '-');

        try (OpenedPackage opened = open(PKI.opener(dir.resolve("work")), base64, ExamplePki.CN_GACC)) {
            assertOpenedAsSent(opened, ExamplePki.CN_GACC, notice, base64, "AES-256-GCM");
        }
    }

    /** A partner may copy a national contact point on the same package; the gateway finds its own recipient info. */
    @Test
    void opensPackageEncryptedForAContactPointAndTheGateway() throws Exception {
        byte[] notice = notice(ExamplePki.CN_GACC);
        List<String> encrypt = new ArrayList<>(OAEP_SHA256); // applies to the first -recip, the contact point
        encrypt.addAll(List.of("-aes-256-gcm", "-recip", PKI.gatewayFile("encryption.pem").toString()));
        encrypt.addAll(OAEP_SHA256);
        Path sealed = sealWithOpenSsl(write("notice.xml", notice), ExamplePki.CN_GACC,
                PKI.contactPointFile(ExamplePki.VN_CUSTOMS_ASI, "encryption.pem"), encrypt, "DER", "package.p7m");
        String structure = OpenSsl.output("cms", "-cmsout", "-print", "-inform", "DER", "-in", sealed.toString());
        assertThat(Pattern.compile("d\\.ktri:").matcher(structure).results().count()).as("precondition: the package names two recipients").isEqualTo(2);

        try (OpenedPackage opened = open(PKI.opener(dir.resolve("work")), sealed, ExamplePki.CN_GACC)) {
            assertOpenedAsSent(opened, ExamplePki.CN_GACC, notice, sealed, "AES-256-GCM");
            assertThat(opened.gatewayCertificate()).isEqualTo(PKI.gatewayCertificate());
        }
    }

    /** During a key rollover partners switch to the new certificate at their own pace; both keys must open. */
    @Test
    void opensPackageEncryptedOnlyForTheSecondActiveGatewayKey() throws Exception {
        Path newKey = dir.resolve("new-encryption-key.pem");
        Path newCert = dir.resolve("new-encryption.pem");
        OpenSsl.run("req", "-x509", "-newkey", "rsa:3072", "-nodes", "-keyout", newKey.toString(), "-out", newCert.toString(),
                "-subj", "/O=Dragongate/CN=Dragongate Gateway (encryption, next)", "-days", "30",
                "-addext", "keyUsage=critical,keyEncipherment");
        KeyMaterial next = KeyFiles.load(newKey, null, newCert);
        PackageOpener rollover = new PackageOpener(new GatewayKeys(List.of(PKI.gatewayKey(), next)), PKI.directory(),
                AlgorithmPolicy.strict(), OpenLimits.defaults(), dir.resolve("work"), Clock.systemUTC());
        byte[] notice = notice(ExamplePki.AU_ABF);
        Path sealed = sealWithOpenSsl(write("notice.xml", notice), ExamplePki.AU_ABF, newCert, OpenSsl.oaepGcm(), "DER",
                "package.p7m");

        try (OpenedPackage opened = open(rollover, sealed, ExamplePki.AU_ABF)) {
            assertOpenedAsSent(opened, ExamplePki.AU_ABF, notice, sealed, "AES-256-GCM");
            assertThat(opened.gatewayCertificate()).isEqualTo(next.certificate());
        }
    }

    /**
     * A hand-made multipart/mixed entity (as a partner's mail tool would write it) splits into the
     * notice and its attachment, and a hostile file name never becomes a path.
     */
    @Test
    void splitsHandMadeMimeContentIntoNoticeThenAttachmentWithSafeName() throws Exception {
        byte[] notice = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<notice id=\"CN-2026-0042\">Seizure at Haiphong</notice>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] photo = new byte[20_000];
        new Random(42).nextBytes(photo);
        ByteArrayOutputStream mime = new ByteArrayOutputStream();
        ascii(mime, "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"sep-7f3a\"\r\n\r\n"
                + "This is a multi-part message in MIME format.\r\n"
                + "--sep-7f3a\r\nContent-Type: application/xml; charset=UTF-8\r\n\r\n");
        mime.write(notice);
        ascii(mime, "\r\n--sep-7f3a\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"../../etc/passwd\"\r\n\r\n");
        ascii(mime, Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(photo));
        ascii(mime, "\r\n--sep-7f3a--\r\n");
        Path sealed = sealWithOpenSsl(write("content.eml", mime.toByteArray()), ExamplePki.CN_GACC,
                PKI.gatewayFile("encryption.pem"), OpenSsl.oaepGcm(), "DER", "package.p7m");

        try (OpenedPackage opened = open(PKI.opener(dir.resolve("work")), sealed, ExamplePki.CN_GACC)) {
            assertThat(opened.documents()).hasSize(2);
            assertThat(Files.readAllBytes(opened.notice().data().path())).isEqualTo(notice);
            Document attachment = opened.attachments().get(0);
            assertThat(Files.readAllBytes(attachment.data().path())).isEqualTo(photo);
            assertThat(attachment.name()).isNotBlank().doesNotContain("/").doesNotContain("\\").doesNotContain("..");
        }
    }

    private static void assertOpenedAsSent(OpenedPackage opened, String partnerId, byte[] content, Path sealed,
                                           String cipherName) throws IOException {
        assertThat(opened.partner().id()).isEqualTo(partnerId);
        assertThat(Files.readAllBytes(opened.content().path())).isEqualTo(content);
        assertThat(opened.packageSha256()).isEqualTo(sha256Hex(Files.readAllBytes(sealed)));
        assertThat(opened.signer().getSubjectX500Principal())
                .isEqualTo(PKI.signer(partnerId).certificate().getSubjectX500Principal());
        Instant now = Instant.now();
        assertThat(opened.signingTime()).isBetween(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofMinutes(1)));
        assertThat(opened.contentCipher()).isEqualTo(cipherName);
    }

    /** {@code openssl cms -sign -nodetach} with the partner's signer, then {@code openssl cms -encrypt} for {@code recipient}. */
    private Path sealWithOpenSsl(Path content, String partnerId, Path recipient, List<String> encryptOptions, String form,
                                 String name) throws IOException {
        return OpenSsl.signThenEncrypt(content, PKI.partnerFile(partnerId, "signer.pem"), PKI.partnerFile(partnerId, "signer-key.pem"),
                recipient, List.of(), encryptOptions, form, dir.resolve(name));
    }

    private static OpenedPackage open(PackageOpener opener, Path sealed, String partnerId) throws IOException, PackageRejected {
        try (InputStream in = Files.newInputStream(sealed)) {
            return opener.open(in, partnerId);
        }
    }

    /** A notice with non-ASCII text and CRLF line ends, over 64 KiB so it crosses stream buffers. */
    private static byte[] notice(String partnerId) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<notice partner=\"" + partnerId + "\">\r\n");
        for (int i = 0; xml.length() < 70_000; i++) {
            xml.append("  <commodity n=\"").append(i).append("\">麻黄碱 ephedrine, 穿山甲鳞片 pangolin scales, Hải Phòng</commodity>\r\n");
        }
        return xml.append("</notice>\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
