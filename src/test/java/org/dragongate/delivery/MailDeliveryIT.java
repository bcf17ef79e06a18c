package org.dragongate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.demo.EmbeddedMailServer;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.OpenSsl;
import org.dragongate.testing.ContactPointOpen;
import org.dragongate.testing.ContactPointOpen.Opened;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S/MIME delivery to a GreenMail mailbox, opened the way the contact point opens it: the saved attachment and {@code dragongate open}. */
class MailDeliveryIT {
    private static final TestPki PKI = TestPki.shared();
    private static final String MAILBOX = "vn-env-police@contact.example";
    private static final String GATEWAY_FROM = "notices@dragongate.example";
    private static final String NOTICE_ID = "N-2025-0042";
    private static final byte[] NOTICE = "<notice xmlns=\"urn:dragongate:notice:1\"><id>N-2025-0042</id></notice>"
            .getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private EmbeddedMailServer server;
    private DeliverySealer sealer;

    @BeforeEach
    void start() throws IOException {
        server = EmbeddedMailServer.start(0, 0, "gateway-secret");
        server.greenMail().setUser(MAILBOX, "vn-env-police", "mailbox-secret");
        sealer = new DeliverySealer(KeyFiles.load(PKI.gatewayFile(ExamplePki.SIGNING + ".p12"), TestPki.password(), null));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deliveryToTheMailboxIsDelivered() throws Exception {
        DeliveryOutcome outcome = mail(server.smtpPort()).send(encryptedDelivery());

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(0));
        assertThat(server.greenMail().waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(server.greenMail().getReceivedMessages()[0].getAllRecipients()).extracting(Object::toString).containsExactly(MAILBOX);
    }

    /** RFC 8551: the CMS is the message itself, so any S/MIME client recognises it as an encrypted message, not a stray file. */
    @Test
    void encryptedDeliveryArrivesAsAuthEnvelopedSmime() throws Exception {
        MimeMessage received = deliverAndReceive(encryptedDelivery());

        assertThat(received.getContentType()).startsWith("application/pkcs7-mime")
                .contains("smime-type=authEnveloped-data").contains("name=smime.p7m");
        assertThat(received.getHeader("Content-Transfer-Encoding", null)).isEqualTo("base64");
        assertThat(received.getDisposition()).isEqualTo("attachment");
        assertThat(received.getFileName()).isEqualTo("smime.p7m");
        assertThat(received.getFrom()).extracting(Object::toString).containsExactly(GATEWAY_FROM);
        assertThat(received.getSubject()).isEqualTo("Dragongate notice " + NOTICE_ID);
    }

    /** The Message-ID is the idempotency key: a re-sent notice carries the same one, and the receiver can drop it. */
    @Test
    void messageIdIsDerivedFromNoticeAndContactPoint() throws Exception {
        MimeMessage received = deliverAndReceive(encryptedDelivery());

        assertThat(received.getMessageID()).isEqualTo("<N-2025-0042.VN-ENV-POLICE@dragongate>");
    }

    /** The end of the chain: what arrived in the mailbox, saved to a file, opens with the contact point's key and shows the notice. */
    @Test
    void attachmentThatArrivedOpensWithTheOpenCommand() throws Exception {
        MimeMessage received = deliverAndReceive(encryptedDelivery());
        Path attachment = dir.resolve("smime.p7m");
        try (InputStream decoded = received.getInputStream()) {
            Files.copy(decoded, attachment);
        }
        Path opened = dir.resolve("notice.xml");

        Opened result = open(attachment, opened);

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(Files.readAllBytes(opened)).isEqualTo(NOTICE);
        assertThat(result.stderr()).contains("Dragongate Gateway (signing)");
    }

    /**
     * The whole mail, headers and all, is a standard S/MIME message: OpenSSL's S/MIME reader decrypts it with
     * the contact point's key, and the content inside verifies against the gateway CA.
     */
    @Test
    void wholeMailDecryptsWithOpenSslSmime() throws Exception {
        MimeMessage received = deliverAndReceive(encryptedDelivery());
        Path eml = dir.resolve("received.eml");
        try (OutputStream out = Files.newOutputStream(eml)) {
            received.writeTo(out);
        }
        Path inner = dir.resolve("inner.p7m");
        Path verified = dir.resolve("verified.xml");

        OpenSsl.run("cms", "-decrypt", "-inform", "SMIME", "-in", eml.toString(), "-binary", "-outform", "DER", "-out", inner.toString(),
                "-inkey", PKI.contactPointFile(ExamplePki.VN_ENV_POLICE, ExamplePki.ENCRYPTION + "-key.pem").toString(),
                "-passin", "pass:" + ExamplePki.DEMO_PASSWORD);
        OpenSsl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", inner.toString(),
                "-CAfile", PKI.gatewayFile(ExamplePki.CA_CERT_FILE).toString(), "-out", verified.toString());

        assertThat(Files.readAllBytes(verified)).isEqualTo(NOTICE);
    }

    /** Ids may hold ':' and '..', which a Message-ID may not; escaped, and still one id per key (the last plain dot splits). */
    @Test
    void messageIdStaysAValidDotAtomAndDistinctForUnusualIds() throws Exception {
        DeliveryTarget plain = new DeliveryTarget("CP", URI.create("mailto:" + MAILBOX), null, null);
        DeliveryTarget dotted = new DeliveryTarget("B.CP", URI.create("mailto:" + MAILBOX), null, null);

        String colons = MailDelivery.messageId(new SealedDelivery("2025:A..B.", plain, new byte[0]));
        String split1 = MailDelivery.messageId(new SealedDelivery("A.B", plain, new byte[0]));
        String split2 = MailDelivery.messageId(new SealedDelivery("A", dotted, new byte[0]));

        assertThat(colons).isEqualTo("<2025=3AA=2E.B=2E.CP@dragongate>").matches("<[A-Za-z0-9=\\-_]+(\\.[A-Za-z0-9=\\-_]+)*@dragongate>");
        assertThat(split1).isNotEqualTo(split2);
    }

    /** A contact point without a certificate gets signed-only CMS; the smime-type must say so or its client looks for a key. */
    @Test
    void signedOnlyDeliveryArrivesAsSignedDataSmime() throws Exception {
        DeliveryTarget target = new DeliveryTarget(ExamplePki.VN_ENV_POLICE, URI.create("mailto:" + MAILBOX), null, null);

        MimeMessage received = deliverAndReceive(sealer.seal(NOTICE_ID, NOTICE, target));

        assertThat(received.getContentType()).startsWith("application/pkcs7-mime").contains("smime-type=signed-data");
    }

    @Test
    void closedSmtpPortIsRetriedLater() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        DeliveryOutcome outcome = mail(closedPort).send(encryptedDelivery());

        assertThat(outcome).isEqualTo(new DeliveryOutcome.RetryLater("connection refused", null));
    }

    /** An unknown mailbox will not appear by trying again: dead letter with the SMTP code, not 24 hours of retries. */
    @Test
    void permanentSmtpRefusalIsRejectedWithItsCode() throws Exception {
        try (ScriptedSmtp relay = ScriptedSmtp.refusingRecipientsWith("550 5.1.1 <vn-env-police@contact.example> no such user")) {
            DeliveryOutcome outcome = mail(relay.port()).send(encryptedDelivery());

            assertThat(outcome).isEqualTo(new DeliveryOutcome.Rejected(550, "SMTP 550"));
        }
    }

    /** Greylisting and full mailboxes answer 4xx: the relay itself asks to be tried again. */
    @Test
    void temporarySmtpRefusalIsRetriedLater() throws Exception {
        try (ScriptedSmtp relay = ScriptedSmtp.refusingRecipientsWith("451 4.7.1 greylisted, try again later")) {
            DeliveryOutcome outcome = mail(relay.port()).send(encryptedDelivery());

            assertThat(outcome).isEqualTo(new DeliveryOutcome.RetryLater("SMTP 451", null));
        }
    }

    /** A relay that takes the connection and never answers must not hold the delivery worker forever. */
    @Test
    void silentRelayTimesOutAndIsRetriedLater() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            long started = System.nanoTime();

            DeliveryOutcome outcome = mail(silent.getLocalPort()).send(encryptedDelivery());

            assertThat(outcome).isEqualTo(new DeliveryOutcome.RetryLater("timeout", null));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
        }
    }

    private MailDelivery mail(int smtpPort) {
        return new MailDelivery("127.0.0.1", smtpPort, GATEWAY_FROM, TIMEOUT);
    }

    private SealedDelivery encryptedDelivery() throws IOException {
        DeliveryTarget target = new DeliveryTarget(ExamplePki.VN_ENV_POLICE, URI.create("mailto:" + MAILBOX),
                PKI.contactPointKey(ExamplePki.VN_ENV_POLICE).certificate(), null);
        return sealer.seal(NOTICE_ID, NOTICE, target);
    }

    private MimeMessage deliverAndReceive(SealedDelivery delivery) throws InterruptedException {
        DeliveryOutcome outcome = mail(server.smtpPort()).send(delivery);
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(server.greenMail().waitForIncomingEmail(5_000, 1)).isTrue();
        return server.greenMail().getReceivedMessages()[0];
    }

    private Opened open(Path sealed, Path out) {
        return ContactPointOpen.open(ExamplePki.VN_ENV_POLICE, sealed, out, dir);
    }

    /**
     * A relay that refuses every recipient with a fixed reply: GreenMail accepts any address, so an unknown
     * mailbox or greylisting needs a server that says so. Real SMTP on a socket, one connection.
     */
    private static final class ScriptedSmtp implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        private ScriptedSmtp(String rcptReply) throws IOException {
            socket = new ServerSocket(0);
            thread = new Thread(() -> serve(rcptReply), "scripted-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        static ScriptedSmtp refusingRecipientsWith(String rcptReply) throws IOException {
            return new ScriptedSmtp(rcptReply);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(String rcptReply) {
            try (Socket client = socket.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                 OutputStream out = client.getOutputStream()) {
                reply(out, "220 scripted.example ESMTP");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                    switch (command) {
                        case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                        case "RCPT" -> reply(out, rcptReply);
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        default -> reply(out, "502 not here");
                    }
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(2_000);
        }
    }
}
