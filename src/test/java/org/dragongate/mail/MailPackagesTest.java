package org.dragongate.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.dragongate.intake.ReceivedPackage.PackageForm;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.dragongate.testing.OpenSsl;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the packages in a raw mail, and refusing mails that carry none or cannot be read. */
class MailPackagesTest {
    @TempDir
    Path dir;

    /** The body of an S/MIME encrypted mail made by openssl is one package: the CMS under the Base64. */
    @Test
    void takesSmimeEncryptedBodyAsOneSmimePackage() throws Exception {
        Path content = Files.write(dir.resolve("content.bin"), randomBytes(3000, 1));
        Path mail = dir.resolve("smime.eml");
        OpenSsl.run("cms", "-encrypt", "-binary", "-in", content.toString(), "-recip", TestPki.shared().gatewayFile("encryption.pem").toString(),
                "-aes-256-gcm", "-keyopt", "rsa_padding_mode:oaep", "-outform", "SMIME", "-out", mail.toString(),
                "-from", "Intel Desk <Intel@CN-GACC.example>", "-to", "gateway@dragongate.example", "-subject", "alert");
        Path der = dir.resolve("expected.der");
        OpenSsl.run("cms", "-cmsout", "-inform", "SMIME", "-in", mail.toString(), "-outform", "DER", "-out", der.toString());

        try (MailContents contents = read(mail)) {
            assertThat(contents.sender()).isEqualTo("intel@cn-gacc.example");
            assertThat(contents.packages()).singleElement().satisfies(p -> {
                assertThat(p.form()).isEqualTo(PackageForm.SMIME);
                assertThat(Files.readAllBytes(p.data().path())).isEqualTo(Files.readAllBytes(der));
            });
        }
    }

    /** Each attachment is a package, whether it is known by its .p7m name or by its pkcs7-mime type. */
    @Test
    void takesEachP7mAttachmentAsOneCmsPackage() throws Exception {
        byte[] first = randomBytes(5000, 2);
        byte[] second = randomBytes(700, 3);
        Path mail = write(headers("intel@au-abf.example") + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                + "--outer\r\nContent-Type: text/plain\r\n\r\nTwo alerts attached.\r\n"
                + attachment("outer", "application/octet-stream", "filename=\"alert-1.P7M\"", first)
                + attachment("outer", "application/pkcs7-mime; smime-type=enveloped-data", "filename=\"alert-2.bin\"", second)
                + "--outer--\r\n");

        try (MailContents contents = read(mail)) {
            assertThat(contents.packages()).extracting(MailPackage::name).containsExactly("alert-1.P7M", "alert-2.bin");
            assertThat(contents.packages()).extracting(MailPackage::form).containsOnly(PackageForm.CMS);
            assertThat(Files.readAllBytes(contents.packages().get(0).data().path())).isEqualTo(first);
            assertThat(Files.readAllBytes(contents.packages().get(1).data().path())).isEqualTo(second);
        }
    }

    /** A partner may clear-sign the mail that carries the attachment; the signature (.p7s) is not a package. */
    @Test
    void findsAttachmentInsideClearSignedMail() throws Exception {
        byte[] sealed = randomBytes(900, 4);
        Path mail = write(headers("intel@jp-customs.example")
                + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=\"sig\"\r\n\r\n"
                + "--sig\r\nContent-Type: multipart/mixed; boundary=\"inner\"\r\n\r\n"
                + "--inner\r\nContent-Type: text/plain\r\n\r\nSee attachment.\r\n"
                + attachment("inner", "application/pkcs7-mime", "filename=\"notice.p7m\"", sealed)
                + "--inner--\r\n\r\n"
                + attachment("sig", "application/pkcs7-signature", "filename=\"smime.p7s\"", randomBytes(300, 5))
                + "--sig--\r\n");

        try (MailContents contents = read(mail)) {
            assertThat(contents.packages()).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("notice.p7m");
                assertThat(Files.readAllBytes(p.data().path())).isEqualTo(sealed);
            });
        }
    }

    @Test
    void refusesMailWithoutPackage() throws Exception {
        Path mail = write(headers("intel@cn-gacc.example") + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nPlease find the alert attached.\r\n"
                + attachment("b", "application/pdf", "filename=\"alert.pdf\"", randomBytes(400, 6))
                + "--b--\r\n");

        assertRefused(mail, RejectReason.NO_PACKAGE);
    }

    /** Signed but not encrypted: the partner must encrypt for the gateway, and is told so. */
    @Test
    void refusesSignedOnlySmimeMailAsNotEncrypted() throws Exception {
        Path mail = write(headers("intel@cn-gacc.example")
                + "Content-Type: application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(randomBytes(600, 7)) + "\r\n");

        assertRefused(mail, RejectReason.NOT_ENCRYPTED);
    }

    /** A mail cut off in transit loses its closing boundary: refused as a whole, not half read. */
    @Test
    void refusesMultipartWithoutClosingBoundaryAsMalformed() throws Exception {
        Path mail = write(headers("intel@cn-gacc.example") + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + attachment("b", "application/pkcs7-mime", "filename=\"alert.p7m\"", randomBytes(4000, 8)));

        assertRefused(mail, RejectReason.MALFORMED);
    }

    @Test
    void refusesUnparseableContentTypeAsMalformed() throws Exception {
        Path mail = write(headers("intel@cn-gacc.example") + "Content-Type: multipart/mixed; boundary=\"unterminated\r\n\r\nbody\r\n");

        assertRefused(mail, RejectReason.MALFORMED);
    }

    /** Base64 that ends mid-quantum is damage, not a package. */
    @Test
    void refusesBrokenBase64AttachmentAsMalformed() throws Exception {
        Path mail = write(headers("intel@cn-gacc.example") + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: application/pkcs7-mime\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"alert.p7m\"\r\n\r\nMIIBAAAA\r\nQUJ\r\n--b--\r\n");

        assertRefused(mail, RejectReason.MALFORMED);
    }

    @Test
    void refusesMailWithoutFromAsMalformed() throws Exception {
        Path mail = write("To: gateway@dragongate.example\r\nMessage-ID: <1@x>\r\n" + smimeBody());

        assertRefused(mail, RejectReason.MALFORMED);
    }

    /** Two senders: the mail cannot say which partner's channel it is. */
    @Test
    void refusesMailWithSeveralFromAddresses() throws Exception {
        Path mail = write("From: intel@cn-gacc.example, intel@au-abf.example\r\nTo: gateway@dragongate.example\r\n" + smimeBody());

        assertRefused(mail, RejectReason.UNKNOWN_SENDER);
    }

    /** Header values reach logs and the quarantine listing: an escape sequence or NUL must not survive. */
    @Test
    void reportsMessageIdWithControlCharactersReplaced() throws Exception {
        Path mail = write("From: intel@cn-gacc.example\r\nMessage-ID: <evil\u001b[2J\u0000@x>\r\n" + smimeBody());

        try (MailContents contents = read(mail)) {
            assertThat(contents.messageId()).doesNotContain("\u001b", "\u0000").contains("\\u001b", "\\u0000");
        }
        assertThat(new MailPackages(dir).origin(mail).messageId()).doesNotContain("\u001b", "\u0000");
    }

    /** The name is only for logs: the package is spooled in our work folder whatever the attachment claims. */
    @Test
    void neverUsesAttachmentNameAsPath() throws Exception {
        byte[] sealed = randomBytes(800, 9);
        Path work = Files.createDirectories(dir.resolve("deep/er/work"));
        Path mail = write(headers("intel@cn-gacc.example") + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + attachment("b", "application/pkcs7-mime", "filename=\"../../etc/passwd\"", sealed)
                + attachment("b", "application/octet-stream", "filename=\"C:\\\\Windows\\\\..\\\\evil.p7m\"", sealed)
                + "--b--\r\n");

        try (MailContents contents = new MailPackages(work).read(mail)) {
            assertThat(contents.packages()).extracting(MailPackage::name).containsExactly("passwd", "evil.p7m");
            for (MailPackage found : contents.packages()) {
                assertThat(found.data().path().getParent()).isEqualTo(work);
                assertThat(Files.readAllBytes(found.data().path())).isEqualTo(sealed);
            }
        }
        assertThat(dir.resolve("deep/etc")).doesNotExist();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("passwd", "evil.p7m");
        }
    }

    /**
     * An RFC 2231 parameter decodes to CR LF, the outer boundary and a forged part: it stays one name
     * in one part, and the only package is the real attachment's bytes.
     */
    @Test
    void headerParameterCannotInjectBoundaryOrPart() throws Exception {
        byte[] sealed = randomBytes(1200, 10);
        String forged = "x%0D%0A--b%0D%0AContent-Type%3A%20application%2Fpkcs7-mime%0D%0A%0D%0AMIIF%0D%0A--b--%0D%0A.p7m";
        Path mail = write(headers("intel@cn-gacc.example") + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; name*=UTF-8''" + forged.replace(".p7m", ".txt") + "\r\n\r\nhello\r\n"
                + attachment("b", "application/octet-stream", "filename*=UTF-8''" + forged, sealed)
                + "--b--\r\n");

        try (MailContents contents = read(mail)) {
            assertThat(contents.packages()).singleElement().satisfies(p -> {
                assertThat(p.name()).doesNotContain("\r", "\n", "/", "\"").endsWith(".p7m");
                assertThat(Files.readAllBytes(p.data().path())).isEqualTo(sealed);
            });
        }
    }

    // ---------------------------------------------------------------- helpers

    private MailContents read(Path mail) throws IOException, PackageRejected {
        return new MailPackages(dir.resolve("work")).read(mail);
    }

    private void assertRefused(Path mail, RejectReason reason) {
        assertThatThrownBy(() -> read(mail).close())
                .isInstanceOfSatisfying(PackageRejected.class, e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    private Path write(String mail) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "mail", ".eml"), mail, StandardCharsets.ISO_8859_1);
    }

    private static String headers(String from) {
        return "From: " + from + "\r\nTo: gateway@dragongate.example\r\nSubject: intelligence package\r\n"
                + "Message-ID: <test-1@dragongate.example>\r\nMIME-Version: 1.0\r\n";
    }

    private static String smimeBody() {
        return "MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(randomBytes(300, 11)) + "\r\n";
    }

    private static String attachment(String boundary, String type, String disposition, byte[] data) {
        return "--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; " + disposition + "\r\n\r\n" + Base64.getMimeEncoder().encodeToString(data) + "\r\n";
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
