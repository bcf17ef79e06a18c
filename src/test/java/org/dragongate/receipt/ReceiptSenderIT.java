package org.dragongate.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.delivery.DeliveryOutcome;
import org.dragongate.delivery.MailDelivery;
import org.dragongate.demo.EmbeddedMailServer;
import org.dragongate.demo.EmbeddedSftpServer;
import org.dragongate.intake.Channel;
import org.dragongate.pki.ExamplePki;
import org.dragongate.refusal.RejectReason;
import org.dragongate.testing.OpenSsl;
import org.dragongate.testing.TestPki;
import org.dragongate.trust.Partner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receipts going back to the sending partner over a real SFTP server and a real mail server, verified
 * with {@code openssl cms -verify} against the gateway CA, as the partner would.
 */
class ReceiptSenderIT {
    private static final TestPki PKI = TestPki.shared();
    private static final String PARTNER = ExamplePki.CN_GACC;
    private static final String PARTNER_MAIL = "intel@cn-gacc.example";
    private static final String GATEWAY_PASSWORD = "gateway-sftp-secret";
    private static final String SHA = "0123456789ab" + "cd".repeat(26);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void acceptedReceiptLandsInThePartnersReceiptsFolderAndVerifiesWithOpenSsl() throws Exception {
        try (EmbeddedSftpServer server = EmbeddedSftpServer.start(dir.resolve("sftp"), dir.resolve("sftp-state"), 0,
                Map.of(PARTNER, "partner-secret"), GATEWAY_PASSWORD)) {
            ReceiptSender sender = new ReceiptSender(signingKey(), sftpSettings(server.port(), server.knownHosts()), null, TIMEOUT,
                    dir.resolve("data"));

            DeliveryOutcome outcome = sender.send(accepted(), sftpChannel(), partner());

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
            Path receipts = server.root().resolve("inbox").resolve(PARTNER).resolve("receipts");
            List<Path> files = filesIn(receipts);
            assertThat(files).extracting(p -> p.getFileName().toString())
                    .containsExactly("receipt-0123456789ab-ACCEPTED__" + PARTNER + ".p7m");
            String xml = OpenSsl.output("cms", "-verify", "-inform", "DER", "-in", files.get(0).toString(),
                    "-CAfile", PKI.gatewayFile(ExamplePki.CA_CERT_FILE).toString());
            assertThat(xml).contains("urn:dragongate:receipt:1").contains("status=\"ACCEPTED\"").contains("N-2025-0042")
                    .contains("VN-CUSTOMS-ASI");
            assertThat(dir.resolve("data/receipts/unsent")).doesNotExist();
        }
    }

    /** A receipt per package: they share one SSH session, or each would pay a whole handshake on both sides. */
    @Test
    void receiptsShareOneSession() throws Exception {
        try (EmbeddedSftpServer server = EmbeddedSftpServer.start(dir.resolve("sftp"), dir.resolve("sftp-state"), 0,
                Map.of(PARTNER, "partner-secret"), GATEWAY_PASSWORD);
             ReceiptSender sender = new ReceiptSender(signingKey(), sftpSettings(server.port(), server.knownHosts()), null, TIMEOUT,
                     dir.resolve("data"))) {
            assertThat(sender.send(accepted(), sftpChannel(), partner())).isInstanceOf(DeliveryOutcome.Delivered.class);
            assertThat(sender.send(rejected(), sftpChannel(), partner())).isInstanceOf(DeliveryOutcome.Delivered.class);

            assertThat(filesIn(server.root().resolve("inbox").resolve(PARTNER).resolve("receipts"))).hasSize(2);
            assertThat(server.keyExchanges()).hasSize(1);
        }
    }

    @Test
    void rejectedReceiptReachesTheSendersMailbox() throws Exception {
        try (EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0, "gateway-mail-secret")) {
            mail.greenMail().setUser(PARTNER_MAIL, "cn-gacc", "mailbox-secret");
            ReceiptSender sender = new ReceiptSender(signingKey(), null, mailDelivery(mail.smtpPort()), TIMEOUT, dir.resolve("data"));

            DeliveryOutcome outcome = sender.send(rejected(), mailChannel(PARTNER_MAIL), partner());

            assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
            MimeMessage[] received = mail.greenMail().getReceivedMessagesForDomain("cn-gacc.example");
            assertThat(received).hasSize(1);
            assertThat(received[0].getAllRecipients()).extracting(Object::toString).containsExactly(PARTNER_MAIL);
            assertThat(received[0].getContentType()).contains("smime-type=signed-data");
            Path p7m = dir.resolve("mailed.p7m");
            try (InputStream decoded = received[0].getInputStream()) {
                Files.copy(decoded, p7m);
            }
            String xml = OpenSsl.output("cms", "-verify", "-inform", "DER", "-in", p7m.toString(),
                    "-CAfile", PKI.gatewayFile(ExamplePki.CA_CERT_FILE).toString());
            assertThat(xml).contains("status=\"REJECTED\"").contains("code=\"NO_CONTACT_POINT\"");
        }
    }

    /** A From address the partner never registered (forged or changed) does not get the receipt; the registered one does. */
    @Test
    void mailReceiptForAnUnregisteredSenderGoesToThePartnersRegisteredAddress() throws Exception {
        try (EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0, "gateway-mail-secret")) {
            ReceiptSender sender = new ReceiptSender(signingKey(), null, mailDelivery(mail.smtpPort()), TIMEOUT, dir.resolve("data"));

            sender.send(rejected(), mailChannel("someone@elsewhere.example"), partner());

            assertThat(mail.greenMail().getReceivedMessages()).hasSize(1);
            assertThat(mail.greenMail().getReceivedMessages()[0].getAllRecipients()).extracting(Object::toString)
                    .containsExactly(PARTNER_MAIL);
        }
    }

    /** Nothing is lost when the partner's server is down: the signed receipt waits in {@code <data>/receipts/unsent/}. */
    @Test
    void keepsTheSignedReceiptWhenTheServerIsUnreachable() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        ReceiptSender sender = new ReceiptSender(signingKey(), sftpSettings(closedPort(), knownHosts), null, TIMEOUT, dir.resolve("data"));

        DeliveryOutcome outcome = sender.send(accepted(), sftpChannel(), partner());

        assertThat(outcome).isInstanceOf(DeliveryOutcome.RetryLater.class);
        Path kept = dir.resolve("data/receipts/unsent/receipt-0123456789ab-ACCEPTED.p7m");
        assertThat(filesIn(kept.getParent())).containsExactly(kept);
        String xml = OpenSsl.output("cms", "-verify", "-inform", "DER", "-in", kept.toString(),
                "-CAfile", PKI.gatewayFile(ExamplePki.CA_CERT_FILE).toString());
        assertThat(xml).contains("status=\"ACCEPTED\"");
    }

    private static Receipt accepted() {
        return Receipt.accepted(SHA, PARTNER, List.of(new Receipt.NoticeReceipt("CN-GACC.N-2025-0042.v1", "N-2025-0042",
                Receipt.NoticeOutcome.NEW, null, List.of(new Receipt.ContactPointState("VN-CUSTOMS-ASI", "QUEUED")))),
                Instant.parse("2025-03-01T10:15:30Z"));
    }

    private static Receipt rejected() {
        return Receipt.rejected(SHA, PARTNER, RejectReason.NO_CONTACT_POINT, "notice N-2025-0042 (WILDLIFE, VN) has no contact point",
                List.of(), Instant.parse("2025-03-01T10:15:30Z"));
    }

    private static Channel sftpChannel() {
        return new Channel(Channel.SFTP, PARTNER, "inbox/" + PARTNER + "/package.p7m");
    }

    private static Channel mailChannel(String from) {
        return new Channel(Channel.MAIL, PARTNER, "from " + from + " message-id <m1@cn-gacc.example> (whole mail)");
    }

    private static ReceiptSender.SftpSettings sftpSettings(int port, Path knownHosts) {
        return new ReceiptSender.SftpSettings("127.0.0.1", port, EmbeddedSftpServer.GATEWAY_USER, GATEWAY_PASSWORD, null, knownHosts,
                EmbeddedSftpServer.INBOX);
    }

    private static MailDelivery mailDelivery(int smtpPort) {
        return new MailDelivery("127.0.0.1", smtpPort, EmbeddedMailServer.GATEWAY_ADDRESS, TIMEOUT);
    }

    private static Partner partner() {
        return PKI.partner(PARTNER);
    }

    private static KeyMaterial signingKey() throws IOException {
        return KeyFiles.load(PKI.gatewayFile(ExamplePki.SIGNING + ".p12"), TestPki.password(), null);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
