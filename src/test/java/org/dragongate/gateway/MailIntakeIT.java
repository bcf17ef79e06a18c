package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.camel.main.Main;
import org.apache.camel.support.ScheduledPollConsumer;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;
import org.dragongate.demo.EmbeddedMailServer;
import org.dragongate.demo.PartnerMailer;
import org.dragongate.pki.ExamplePki;
import org.dragongate.quarantine.Quarantine;
import org.dragongate.quarantine.QuarantineEntry;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.OpenSsl;
import org.dragongate.testing.TestNotices;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over mail: a real mail server (GreenMail, SMTP and IMAP on free loopback ports) with
 * the gateway's mailbox, partners sending over SMTP with Jakarta Mail, and the gateway started from
 * the routes on disk polling the mailbox over IMAP. Each test looks at what the gateway left (opened
 * documents, quarantine) and at the mailbox's flags.
 */
class MailIntakeIT {
    private static final String PASSWORD = "gateway-test";
    private static final String CN = ExamplePki.CN_GACC;
    private static final String AU = ExamplePki.AU_ABF;
    private static final String CN_MAIL = "intel@cn-gacc.example";

    @TempDir
    Path base;

    private EmbeddedMailServer mail;
    private Main gateway;
    private int sequence;

    @BeforeEach
    void startMailServer() {
        mail = EmbeddedMailServer.start(0, 0, PASSWORD);
    }

    @AfterEach
    void stop() {
        try {
            if (gateway != null) {
                gateway.stop();
            }
        } finally {
            mail.close();
        }
    }

    /** Both mail forms partners use reach the end of today's flow: an S/MIME message and a plain mail with a .p7m attachment. */
    @Test
    void smimeMessageAndMailWithP7mAttachmentAreBothOpened() throws Exception {
        startGateway(Map.of());
        Path notice = notice(CN);
        Path smime = smimeMail(notice, CN, CN_MAIL);
        Path auNotice = notice(AU);
        Path sealed = seal(AU, auNotice);

        send(smime);
        PartnerMailer.send(mail.smtpPort(), "Intel@AU-ABF.example", EmbeddedMailServer.GATEWAY_ADDRESS, sealed);

        Path openedSmime = awaitOpened(sha256(smimeBody(smime)));
        assertThat(openedSmime.resolve("1-notice")).hasContent(Files.readString(notice) + "\r\n");
        Path openedAttachment = awaitOpened(sha256(Files.readAllBytes(sealed)));
        assertThat(openedAttachment.resolve("1-document")).hasSameBinaryContentAs(auNotice);
        await("both mails to be marked seen", () -> inbox().size() == 2 && unseen().isEmpty() ? true : null);
        assertThat(quarantine().list()).isEmpty();
    }

    /**
     * Refused mails (no package, a damaged package, an unknown sender, a package signed by another
     * partner than the sender) end in quarantine with their reason and do not hold up the mail behind them.
     */
    @Test
    void badMailsAreQuarantinedWithTheirReasonAndTheNextMailStillFlows() throws Exception {
        startGateway(Map.of());
        byte[] damaged = Files.readAllBytes(seal(CN, notice(CN)));
        damaged[damaged.length - 40] ^= 1;
        Path tampered = Files.write(base.resolve("tampered.p7m"), damaged);
        Path foreign = seal(AU, notice(AU));
        Path fromStranger = seal(CN, notice(CN));
        Path goodNotice = notice(CN);
        Path good = seal(CN, goodNotice);

        send(plainMail(CN_MAIL, "no package here", null));
        PartnerMailer.send(mail.smtpPort(), CN_MAIL, EmbeddedMailServer.GATEWAY_ADDRESS, tampered);
        PartnerMailer.send(mail.smtpPort(), "someone@elsewhere.example", EmbeddedMailServer.GATEWAY_ADDRESS, fromStranger);
        PartnerMailer.send(mail.smtpPort(), CN_MAIL, EmbeddedMailServer.GATEWAY_ADDRESS, foreign);
        PartnerMailer.send(mail.smtpPort(), CN_MAIL, EmbeddedMailServer.GATEWAY_ADDRESS, good);

        assertThat(awaitOpened(sha256(Files.readAllBytes(good))).resolve("1-document")).hasSameBinaryContentAs(goodNotice);
        List<QuarantineEntry> entries = await("four refusals in quarantine", () -> {
            List<QuarantineEntry> list = quarantineList();
            return list.size() >= 4 ? list : null;
        });
        assertThat(entries).extracting(QuarantineEntry::reason)
                .containsExactlyInAnyOrder("NO_PACKAGE", "DECRYPTION_FAILED", "UNKNOWN_SENDER", "SIGNER_NOT_PARTNER");
        assertThat(entries).extracting(QuarantineEntry::channel).containsOnly("mail");
        QuarantineEntry decryption = entry(entries, "DECRYPTION_FAILED");
        assertThat(decryption.packageSha256()).isEqualTo(sha256(damaged));
        assertThat(decryption.partnerId()).isEqualTo(CN);
        assertThat(decryption.origin()).contains("from " + CN_MAIL, "message-id <");
        assertThat(quarantine().packageOf(decryption.id())).hasBinaryContent(damaged);
        assertThat(entry(entries, "SIGNER_NOT_PARTNER").packageSha256()).isEqualTo(sha256(Files.readAllBytes(foreign)));
        // A mail refused as a whole is quarantined as the raw mail, the evidence of what arrived.
        QuarantineEntry noPackage = entry(entries, "NO_PACKAGE");
        assertThat(Files.readString(quarantine().packageOf(noPackage.id()), StandardCharsets.ISO_8859_1)).contains("no package here");
        assertThat(entry(entries, "UNKNOWN_SENDER").origin()).contains("someone@elsewhere.example");
        assertThat(dataDir().resolve("opened").resolve(sha256(Files.readAllBytes(fromStranger)))).doesNotExist();
        await("every mail to be marked seen", () -> inbox().size() == 5 && unseen().isEmpty() ? true : null);
    }

    /**
     * While intake fails (here the archive cannot be written), the mail stays unseen on the server and
     * is taken again at a later poll; it is flagged only once its package has been taken in.
     */
    @Test
    void mailIsMarkedSeenOnlyAfterItsPackageIsTakenIn() throws Exception {
        Path blocker = Files.createDirectories(dataDir().resolve("archive")).resolve("incoming");
        Files.writeString(blocker, "not a folder: every archive write fails");
        startGateway(Map.of());
        Path notice = notice(CN);
        Path sealed = seal(CN, notice);
        String sha = sha256(Files.readAllBytes(sealed));

        PartnerMailer.send(mail.smtpPort(), CN_MAIL, EmbeddedMailServer.GATEWAY_ADDRESS, sealed);
        await("the mail to arrive", () -> inbox().size() == 1 ? true : null);
        awaitPolls(4);
        assertThat(unseen()).hasSize(1);
        assertThat(dataDir().resolve("opened").resolve(sha)).doesNotExist();
        assertThat(quarantineList()).isEmpty();

        Files.delete(blocker);
        // The flag is set when the exchange completes, once the package is archived and queued:
        // whenever it shows, the package is in the archive, and the open stage takes it from the queue.
        await("the mail to be marked seen", () -> unseen().isEmpty() ? true : null);
        assertThat(dataDir().resolve("archive").resolve(sha.substring(0, 2)).resolve(sha + ".p7m")).hasSameBinaryContentAs(sealed);
        assertThat(awaitOpened(sha).resolve("1-document")).hasSameBinaryContentAs(notice);
    }

    /** With mail.move-to set, a mail taken in leaves the inbox for that folder instead of staying there marked seen. */
    @Test
    void mailTakenInIsMovedToTheConfiguredFolder() throws Exception {
        startGateway(Map.of("mail.move-to", "Processed"));
        Path sealed = seal(CN, notice(CN));

        PartnerMailer.send(mail.smtpPort(), CN_MAIL, EmbeddedMailServer.GATEWAY_ADDRESS, sealed);

        awaitOpened(sha256(Files.readAllBytes(sealed)));
        MailFolder processed = await("the Processed folder to hold the mail", () -> {
            MailFolder folder = folder("Processed");
            return folder != null && folder.getMessages().size() == 1 ? folder : null;
        });
        assertThat(processed.getMessages().get(0).getMimeMessage().getFrom()).extracting(Object::toString).containsExactly(CN_MAIL);
        await("the inbox to be empty", () -> inbox().stream().noneMatch(m -> !m.isSet(Flags.Flag.DELETED)) ? true : null);
    }

    // ---------------------------------------------------------------- the gateway

    private void startGateway(Map<String, String> changes) throws Exception {
        TestPki pki = TestPki.shared();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("camel.main.routes-include-pattern", "file:routes/gateway.camel.yaml,file:routes/mail-intake.camel.yaml");
        overrides.put("camel.main.shutdown-timeout", "10");
        overrides.put("gateway.data-dir", dataDir().toString());
        // No partner mappings: intake tests send canonical notices from every partner.
        overrides.put("gateway.mappings-dir", dataDir().resolveSibling("no-mappings").toString());
        overrides.put("gateway.partners-file", GatewayFixture.writePartners(base).toString());
        overrides.put("gateway.keys", pki.gatewayFile("encryption.p12") + "," + pki.gatewayFile("encryption-ec.p12"));
        overrides.put("gateway.key-password", ExamplePki.DEMO_PASSWORD);
        overrides.put("gateway.signing-key", pki.gatewayFile("signing.p12").toString());
        overrides.put("mail.host", "127.0.0.1");
        overrides.put("mail.port", Integer.toString(mail.imapPort()));
        overrides.put("mail.username", EmbeddedMailServer.GATEWAY_LOGIN);
        overrides.put("mail.password", PASSWORD);
        overrides.put("mail.poll-delay", "200");
        overrides.putAll(changes);
        gateway = GatewayApplication.create(Path.of("config", "application.properties"), overrides);
        gateway.start();
    }

    private Path dataDir() {
        return base.resolve("data");
    }

    private void awaitPolls(int polls) {
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) gateway.getCamelContext().getRoute("mail-intake").getConsumer();
        long target = consumer.getCounter() + polls;
        await("the mail consumer to poll " + polls + " more times", () -> consumer.getCounter() >= target ? true : null);
    }

    private Path awaitOpened(String sha256) {
        Path opened = dataDir().resolve("opened").resolve(sha256);
        return await("package " + sha256 + " to be opened", () -> Files.isDirectory(opened) ? opened : null);
    }

    private Quarantine quarantine() {
        return new Quarantine(dataDir().resolve("quarantine"), java.time.Clock.systemUTC());
    }

    private List<QuarantineEntry> quarantineList() {
        try {
            return quarantine().list();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static QuarantineEntry entry(List<QuarantineEntry> entries, String reason) {
        Optional<QuarantineEntry> entry = entries.stream().filter(e -> e.reason().equals(reason)).findFirst();
        assertThat(entry).as("quarantine entry " + reason).isPresent();
        return entry.get();
    }

    // ---------------------------------------------------------------- the mailbox

    private List<StoredMessage> inbox() {
        return folder("INBOX").getMessages();
    }

    private List<StoredMessage> unseen() {
        return inbox().stream().filter(m -> !m.isSet(Flags.Flag.SEEN)).toList();
    }

    private MailFolder folder(String name) {
        GreenMailUser user = mail.greenMail().getUserManager().getUser(EmbeddedMailServer.GATEWAY_LOGIN);
        return mail.greenMail().getManagers().getImapHostManager().getFolder(user, name);
    }

    // ---------------------------------------------------------------- what partners send

    private Path notice(String partnerId) throws IOException {
        int n = ++sequence;
        return Files.writeString(base.resolve("notice-" + n + ".xml"),
                TestNotices.alert(partnerId, partnerId + "-" + UUID.randomUUID()), StandardCharsets.UTF_8);
    }

    private Path seal(String partnerId, Path notice) throws IOException {
        Path sealed = base.resolve(notice.getFileName() + ".p7m");
        try (OutputStream out = Files.newOutputStream(sealed)) {
            new PackageSealer().seal(TestPki.shared().signer(partnerId), List.of(TestPki.shared().gatewayCertificate()), notice,
                    List.of(), SealOptions.defaults(), out);
        }
        return sealed;
    }

    /** What a partner's S/MIME client sends: openssl cms -sign (multipart/signed), then -encrypt to the gateway, as a mail. */
    private Path smimeMail(Path notice, String partnerId, String from) throws IOException {
        TestPki pki = TestPki.shared();
        Path entity = Files.writeString(base.resolve("entity.txt"), "Content-Type: application/xml\r\n\r\n" + Files.readString(notice) + "\r\n",
                StandardCharsets.UTF_8);
        Path signed = base.resolve("signed.eml");
        OpenSsl.run("cms", "-sign", "-in", entity.toString(), "-signer", pki.partnerFile(partnerId, "signer.pem").toString(),
                "-inkey", pki.partnerFile(partnerId, "signer-key.pem").toString(), "-outform", "SMIME", "-out", signed.toString());
        Path smime = base.resolve("smime-" + partnerId + ".eml");
        OpenSsl.run("cms", "-encrypt", "-in", signed.toString(), "-recip", pki.gatewayFile("encryption.pem").toString(),
                "-aes-256-gcm", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256", "-outform", "SMIME",
                "-from", from, "-to", EmbeddedMailServer.GATEWAY_ADDRESS, "-subject", "Intelligence package", "-out", smime.toString());
        return smime;
    }

    /** The CMS under the S/MIME mail's Base64 body: the package the gateway archives and opens. */
    private static byte[] smimeBody(Path smimeMail) throws IOException, MessagingException {
        try (InputStream in = Files.newInputStream(smimeMail); InputStream body = new MimeMessage(null, in).getInputStream()) {
            return body.readAllBytes();
        }
    }

    private Path plainMail(String from, String text, Path attachment) throws IOException, MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(EmbeddedMailServer.GATEWAY_ADDRESS));
        message.setSubject("Intelligence package");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        MimeMultipart parts = new MimeMultipart(body);
        if (attachment != null) {
            MimeBodyPart file = new MimeBodyPart();
            file.attachFile(attachment.toFile(), "application/octet-stream", "base64");
            parts.addBodyPart(file);
        }
        message.setContent(parts);
        message.saveChanges();
        Path file = base.resolve("plain-" + (++sequence) + ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
        }
        return file;
    }

    /** Sends a mail file unchanged over SMTP, as a mail client would. */
    private void send(Path mailFile) throws IOException, MessagingException {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        Session session = Session.getInstance(settings);
        try (InputStream in = Files.newInputStream(mailFile)) {
            MimeMessage message = new MimeMessage(session, in);
            if (message.getHeader("Message-ID") == null) {
                message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@partner.example>");
            }
            Transport.send(message);
        }
    }

    // ---------------------------------------------------------------- waiting

    private static <T> T await(String what, Supplier<T> probe) {
        return GatewayFixture.await(what, probe);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
