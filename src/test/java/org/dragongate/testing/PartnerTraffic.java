package org.dragongate.testing;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dragongate.demo.EmbeddedMailServer;
import org.dragongate.demo.PartnerMailer;
import org.dragongate.pki.ExamplePki;

/**
 * A load of valid packages from the example partners, in turn: some for SFTP, some for mail, each
 * carrying one wildlife alert concerning Viet Nam with its own reference (so routing sends each to
 * {@link #ROUTED_TO}), and the checks that every one was taken from its source.
 */
public final class PartnerTraffic {
    /** Where routing sends the test alert: the environmental police and, by the copy rule, the RILO. */
    public static final List<String> ROUTED_TO = List.of(ExamplePki.VN_ENV_POLICE, ExamplePki.RILO_AP);

    private record Sealed(Path file, ExamplePki.PartnerInfo partner) {
    }

    private final GatewayFixture sftp;
    private final EmbeddedMailServer mail;
    private final List<Sealed> forSftp = new ArrayList<>();
    private final List<Sealed> forMail = new ArrayList<>();

    private PartnerTraffic(GatewayFixture sftp, EmbeddedMailServer mail) {
        this.sftp = sftp;
        this.mail = mail;
    }

    public static PartnerTraffic seal(GatewayFixture sftp, EmbeddedMailServer mail, int sftpPackages, int mailPackages) throws IOException {
        PartnerTraffic traffic = new PartnerTraffic(sftp, mail);
        List<ExamplePki.PartnerInfo> partners = ExamplePki.PARTNERS;
        for (int i = 0; i < sftpPackages + mailPackages; i++) {
            ExamplePki.PartnerInfo partner = partners.get(i % partners.size());
            Sealed sealed = new Sealed(sftp.seal(partner.id()), partner);
            (i < sftpPackages ? traffic.forSftp : traffic.forMail).add(sealed);
        }
        return traffic;
    }

    /** Uploads the SFTP packages from index {@code from} (inclusive) to {@code to} (exclusive), as partners do. */
    public void upload(int from, int to) throws IOException {
        for (Sealed sealed : forSftp.subList(from, to)) {
            sftp.upload(sealed.partner().id(), sealed.file(), sealed.file().getFileName().toString());
        }
    }

    /** Mails every mail package to the gateway's mailbox, each from its partner's registered address. */
    public void mailAll() throws IOException {
        for (Sealed sealed : forMail) {
            PartnerMailer.send(mail.smtpPort(), sealed.partner().mailAddress(), EmbeddedMailServer.GATEWAY_ADDRESS, sealed.file());
        }
    }

    /** The partners' own references of every notice, SFTP and mail alike. */
    public Set<String> references() {
        Set<String> references = new TreeSet<>();
        Stream.concat(forSftp.stream(), forMail.stream()).forEach(s -> references.add(referenceOf(s.file())));
        return references;
    }

    public int expectedDeliveries() {
        return references().size() * ROUTED_TO.size();
    }

    /** No package is left in any partner's inbox: each was taken in and moved away. */
    public boolean inboxesEmpty() {
        for (String partner : ExamplePki.PARTNER_IDS) {
            try (Stream<Path> files = Files.list(sftp.inbox(partner))) {
                if (files.anyMatch(f -> f.getFileName().toString().endsWith(".p7m"))) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Every mail to the gateway arrived and is flagged seen: taken in. */
    public boolean allMailsSeen() {
        try {
            long toGateway = 0;
            long seen = 0;
            for (var message : mail.greenMail().getReceivedMessagesForDomain("dragongate.example")) {
                if (Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().contains(EmbeddedMailServer.GATEWAY_ADDRESS))) {
                    toGateway++;
                    seen += message.getFlags().contains(Flags.Flag.SEEN) ? 1 : 0;
                }
            }
            return toGateway == forMail.size() && seen == toGateway;
        } catch (MessagingException e) {
            return false;
        }
    }

    /** Waits for the condition; on a timeout the gateway's last log lines say why. */
    public static void awaitOrTimeOut(BooleanSupplier condition, Duration limit, GatewayProcess process) throws InterruptedException {
        awaitOrTimeOut(condition, limit, process, () -> "");
    }

    /** @param state what the condition looks at, as it stands: said when it times out, so a failure names what was missing */
    public static void awaitOrTimeOut(BooleanSupplier condition, Duration limit, GatewayProcess process, Supplier<String> state)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s; " + state.get() + "\nthe gateway's last lines:\n"
                        + process.tail(60));
            }
            Thread.sleep(100);
        }
    }

    private static String referenceOf(Path sealed) {
        try {
            Matcher id = Pattern.compile("<id>([^<]+)</id>").matcher(Files.readString(GatewayFixture.noticeOf(sealed)));
            if (!id.find()) {
                throw new IllegalStateException("no <id> in the notice of " + sealed);
            }
            return id.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
