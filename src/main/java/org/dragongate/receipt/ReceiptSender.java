package org.dragongate.receipt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;
import org.dragongate.delivery.DeliveryChannel;
import org.dragongate.delivery.DeliveryOutcome;
import org.dragongate.delivery.DeliveryTarget;
import org.dragongate.delivery.MailDelivery;
import org.dragongate.delivery.SealedDelivery;
import org.dragongate.delivery.SftpDelivery;
import org.dragongate.intake.Channel;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.refusal.RejectReason;
import org.dragongate.trust.Partner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a receipt, signed by the gateway (CMS SignedData, DER), back over the channel the package
 * came in on: into the partner's {@code <inbox>/<PARTNER>/receipts} folder on the SFTP server, or by
 * S/MIME mail to the sender. A receipt is sent once; one that cannot be sent is kept in
 * {@code <data>/receipts/unsent/} for an admin, never lost and never thrown at the caller.
 *
 * <p>Both channels reuse the contact-point delivery classes, so the receipt's notice id is
 * {@code receipt-<sha12>-<status>} and its "contact point" is the partner: over SFTP the file is
 * {@code receipt-<sha12>-<status>__<PARTNER>.p7m}, uploaded under a temporary name and renamed.
 */
public final class ReceiptSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptSender.class);
    private static final Pattern MAIL_SENDER = Pattern.compile("^from (\\S+) message-id ");

    /**
     * The gateway's own SFTP intake account (the {@code sftp.*} settings): it sees every partner's inbox.
     *
     * @param password       null when logging in with a key
     * @param privateKeyFile null when logging in with a password
     * @param inbox          the folder holding one folder per partner, relative to the account's root
     */
    public record SftpSettings(String host, int port, String user, String password, Path privateKeyFile, Path knownHostsFile,
                               String inbox) {
        public SftpSettings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(knownHostsFile, "knownHostsFile");
            Objects.requireNonNull(inbox, "inbox");
        }

        /** Keeps the password out of logs. */
        @Override
        public String toString() {
            return "SftpSettings[" + user + "@" + host + ":" + port + "/" + inbox + "]";
        }
    }

    private final java.util.function.Supplier<KeyMaterial> signingKey;
    private final SftpSettings sftp;
    private final DeliveryChannel sftpChannel;
    private final DeliveryChannel mailChannel;
    private final Path unsent;
    private final PackageSealer sealer = new PackageSealer();

    /**
     * @param sftp    null when packages do not arrive over SFTP
     * @param mail    null when packages do not arrive by mail
     * @param dataDir the gateway's data folder; unsent receipts go to {@code receipts/unsent} in it
     */
    public ReceiptSender(KeyMaterial signingKey, SftpSettings sftp, MailDelivery mail, Duration timeout, Path dataDir) {
        this(constant(Objects.requireNonNull(signingKey, "signingKey")), sftp, mail, timeout, dataDir);
    }

    /** @param signingKey the gateway's signing key as it is now: a new one signs from its activation on, without a restart */
    public ReceiptSender(java.util.function.Supplier<KeyMaterial> signingKey, SftpSettings sftp, MailDelivery mail, Duration timeout,
                         Path dataDir) {
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
        this.sftp = sftp;
        this.sftpChannel = sftp == null ? null : new SftpDelivery(sftp.knownHostsFile(), sftp.password(), sftp.privateKeyFile(), timeout);
        this.mailChannel = mail;
        this.unsent = dataDir.resolve("receipts").resolve("unsent");
    }

    /**
     * Signs the receipt and sends it to the partner over {@code channel}. Never throws for a failed send:
     * the outcome says what happened, the reason is logged at WARN and the signed receipt is kept in
     * {@code <data>/receipts/unsent/}. An interrupt is kept (the flag is set again) and counts as a failed send.
     */
    public DeliveryOutcome send(Receipt receipt, Channel channel, Partner partner) {
        byte[] signed;
        try {
            signed = sign(receipt);
        } catch (IOException e) {
            DeliveryOutcome failed = new DeliveryOutcome.Rejected(0, "signing failed");
            keep(receipt, ReceiptXml.toBytes(receipt), ".xml", failed);
            return failed;
        }
        DeliveryOutcome outcome;
        try {
            outcome = deliver(receipt, channel, partner, signed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new DeliveryOutcome.RetryLater("interrupted", null);
        } catch (RuntimeException e) {
            // A bad endpoint or an unexpected library failure: still only a failed send for the caller.
            outcome = new DeliveryOutcome.Rejected(0, "receipt could not be sent (" + e.getClass().getSimpleName() + ")");
        }
        if (outcome instanceof DeliveryOutcome.Delivered) {
            LOG.info("receipt {} sent to {} over {}", receipt.name(), partner.id(), channel.kind());
        } else {
            keep(receipt, signed, ".p7m", outcome);
        }
        return outcome;
    }

    /**
     * For a package refused before its signature was verified: no receipt goes to the claimed sender, an admin
     * looks at it. Logs the package's hash, channel and reason code; never the refusal message, which may quote content.
     */
    public void alertUnverified(ReceivedPackage received, RejectReason reason) {
        LOG.error("ADMIN ALERT: package {} refused before its sender was verified ({}), no receipt sent; channel {}",
                received.sha256(), reason, received.channel());
    }

    private static java.util.function.Supplier<KeyMaterial> constant(KeyMaterial key) {
        return () -> key;
    }

    /** CMS SignedData, DER, content attached: readable with {@code openssl cms -verify} and no Dragongate tool. */
    byte[] sign(Receipt receipt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sealer.sign(signingKey.get(), new ByteArrayInputStream(ReceiptXml.toBytes(receipt)), SealOptions.Encoding.DER, out);
        return out.toByteArray();
    }

    private DeliveryOutcome deliver(Receipt receipt, Channel channel, Partner partner, byte[] signed) throws InterruptedException {
        String kind = String.valueOf(channel.kind()).toLowerCase(Locale.ROOT);
        if (Channel.SFTP.equals(kind)) {
            if (sftpChannel == null) {
                return new DeliveryOutcome.Rejected(0, "SFTP receipts are not configured");
            }
            return sftpChannel.send(delivery(receipt, partner, sftpEndpoint(partner.id()), signed));
        }
        if (Channel.MAIL.equals(kind)) {
            if (mailChannel == null) {
                return new DeliveryOutcome.Rejected(0, "mail receipts are not configured");
            }
            Optional<String> to = mailRecipient(channel, partner);
            if (to.isEmpty()) {
                return new DeliveryOutcome.Rejected(0, "partner " + partner.id() + " has no registered mail address");
            }
            return mailChannel.send(delivery(receipt, partner, URI.create("mailto:" + to.get()), signed));
        }
        return new DeliveryOutcome.Rejected(0, "no receipt channel for " + kind);
    }

    private static SealedDelivery delivery(Receipt receipt, Partner partner, URI endpoint, byte[] signed) {
        return new SealedDelivery(receipt.name(), new DeliveryTarget(partner.id(), endpoint, null, null), signed);
    }

    /** {@code sftp://<gateway user>@host:port/<inbox>/<PARTNER>/receipts}, seen from the gateway's account. */
    URI sftpEndpoint(String partnerId) {
        String inbox = sftp.inbox().replaceAll("^/+|/+$", "");
        String path = (inbox.isEmpty() ? "" : "/" + inbox) + "/" + partnerId + "/receipts";
        try {
            return new URI("sftp", sftp.user(), sftp.host(), sftp.port(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("SFTP receipt location is not a URI", e);
        }
    }

    /**
     * The mail's sender when it is one of the partner's registered addresses; otherwise (a forged or changed
     * From) the partner's first registered address, so a receipt never goes to an address we do not know.
     */
    static Optional<String> mailRecipient(Channel channel, Partner partner) {
        Matcher sender = MAIL_SENDER.matcher(String.valueOf(channel.origin()));
        if (sender.find()) {
            String address = sender.group(1);
            Optional<String> registered = partner.mailAddresses().stream().filter(address::equalsIgnoreCase).findFirst();
            if (registered.isPresent()) {
                return registered;
            }
        }
        // Sorted: the addresses are a set, and "first" must be the same on every run.
        return partner.mailAddresses().stream().sorted().findFirst();
    }

    private void keep(Receipt receipt, byte[] bytes, String suffix, DeliveryOutcome outcome) {
        Path file = unsent.resolve(receipt.name() + suffix);
        try {
            Files.createDirectories(unsent);
            Path part = Files.createTempFile(unsent, "." + receipt.name(), ".part");
            Files.write(part, bytes);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("receipt {} for partner {} not sent ({}); kept in {}", receipt.name(), receipt.partnerId(), outcome.reason(), file);
        } catch (IOException e) {
            LOG.error("receipt {} for partner {} not sent ({}) and could not be kept in {}: {}", receipt.name(), receipt.partnerId(),
                    outcome.reason(), unsent, e.toString());
        }
    }

    /** Closes the SFTP sessions kept open for the next receipt; called when the gateway stops. */
    @Override
    public void close() {
        if (sftpChannel != null) {
            sftpChannel.close();
        }
    }
}
