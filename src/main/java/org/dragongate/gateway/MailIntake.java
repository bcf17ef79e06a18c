package org.dragongate.gateway;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.dragongate.crypto.Spool;
import org.dragongate.intake.Channel;
import org.dragongate.intake.PackageIntake;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.mail.MailContents;
import org.dragongate.mail.MailPackage;
import org.dragongate.mail.MailPackages;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;

/**
 * The mail consumer's steps into intake. First the raw mail, exactly as the server holds it, goes
 * into the archive: it is the evidence a refusal quarantines. Then the packages it carries are
 * taken in, each on the channel of the partner whose registered address sent the mail; the opener
 * later checks that this partner's certificate signed.
 */
public final class MailIntake {
    /** The partner id of a mail whose sender matches no partner: it is refused before anything is opened. */
    static final String UNKNOWN_SENDER = "(unknown sender)";

    private final PackageIntake intake;
    private final PartnerDirectory directory;
    private final MailPackages packages;
    private final Path workDir;

    public MailIntake(PackageIntake intake, PartnerDirectory directory, MailPackages packages, Path workDir) {
        this.intake = intake;
        this.directory = directory;
        this.packages = packages;
        this.workDir = workDir;
    }

    /**
     * Archives the raw mail (read with the consumer's peek, so the server does not flag it yet).
     *
     * @throws IOException        the mail server or the archive failed: the mail stays unseen and is taken next poll
     * @throws MessagingException likewise
     */
    public ReceivedPackage archive(Message mail) throws IOException, MessagingException, SQLException {
        try (Spool raw = Spool.create(workDir)) {
            try (OutputStream out = raw.openForWriting()) {
                mail.writeTo(out);
            }
            MailPackages.Origin origin = packages.origin(raw.path());
            String partnerId = origin.sender() == null ? UNKNOWN_SENDER : partnerOf(origin.sender(), UNKNOWN_SENDER);
            try (InputStream in = raw.openStream()) {
                return intake.take(in, new Channel(Channel.MAIL, partnerId, describe(origin.sender(), origin.messageId()) + " (whole mail)"),
                        ReceivedPackage.PackageForm.CMS);
            }
        }
    }

    /**
     * The packages of an archived mail, each taken in on its sender's channel. Once they all have their
     * own tracking records the mail itself is finished with.
     *
     * @throws PackageRejected the mail as a whole is refused: malformed, no package, or an unknown sender
     */
    public List<ReceivedPackage> extract(ReceivedPackage rawMail) throws IOException, PackageRejected, SQLException {
        try (MailContents contents = packages.read(rawMail.archivedAt())) {
            String partnerId = partnerOf(contents.sender(), null);
            if (partnerId == null) {
                throw new PackageRejected(RejectReason.UNKNOWN_SENDER, "the sender " + contents.sender() + " is not the registered "
                        + "address of a partner (or is registered for several); send from your agency's registered address, or ask the gateway administrators to register this one");
            }
            List<ReceivedPackage> taken = new ArrayList<>();
            for (MailPackage found : contents.packages()) {
                Channel channel = new Channel(Channel.MAIL, partnerId, describe(contents.sender(), contents.messageId())
                        + (found.form() == ReceivedPackage.PackageForm.CMS ? " attachment " + found.name() : " S/MIME body"));
                try (InputStream in = found.data().openStream()) {
                    taken.add(intake.take(in, channel, found.form()));
                }
            }
            intake.finished(rawMail);
            return taken;
        }
    }

    /** The one partner that registered this address; none (or several, a directory error) gives {@code unknown}. */
    private String partnerOf(String sender, String unknown) {
        List<Partner> matches = directory.all().stream().filter(p -> p.mailAddresses().stream().anyMatch(sender::equalsIgnoreCase)).toList();
        return matches.size() == 1 ? matches.get(0).id() : unknown;
    }

    private static String describe(String sender, String messageId) {
        return "from " + (sender == null ? "(unreadable sender)" : sender) + " message-id " + messageId;
    }
}
