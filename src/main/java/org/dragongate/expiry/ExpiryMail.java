package org.dragongate.expiry;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.dragongate.mail.SmtpRelay;

/**
 * Expiry warnings by mail to the administrators ({@code expiry.mail-to}), through the gateway's SMTP
 * relay. Plain text; the certificate's public details only. The Message-ID is the same for the same
 * warning, so a mail sent twice (the gateway stopped between sending and recording it) can be recognised.
 */
public final class ExpiryMail implements WarningMail {
    private final Session session;
    private final InternetAddress from;
    private final List<InternetAddress> to;
    private final Clock clock;

    ExpiryMail(Session session, InternetAddress from, List<InternetAddress> to, Clock clock) {
        if (to.isEmpty()) {
            throw new IllegalArgumentException("expiry warnings by mail need at least one recipient");
        }
        this.session = session;
        this.from = from;
        this.to = List.copyOf(to);
        this.clock = clock;
    }

    /** @param recipients comma-separated addresses (the setting {@code expiry.mail-to}) */
    public static ExpiryMail through(String smtpHost, int smtpPort, String fromAddress, String recipients, Duration timeout, Clock clock) {
        InternetAddress from = SmtpRelay.sender(fromAddress, "delivery.from");
        try {
            return new ExpiryMail(SmtpRelay.session(smtpHost, smtpPort, from, timeout, null, null, false), from,
                    Arrays.asList(InternetAddress.parse(recipients, true)), clock);
        } catch (AddressException e) {
            throw new IllegalArgumentException("expiry.mail-to is not a comma-separated list of mail addresses: " + recipients, e);
        }
    }

    @Override
    public String recipients() {
        return to.stream().map(InternetAddress::getAddress).collect(Collectors.joining(", "));
    }

    @Override
    public void send(ExpiryStatus status) throws MessagingException {
        MimeMessage mail = SmtpRelay.withStableId(session, messageId(status));
        mail.setFrom(from);
        mail.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        mail.setSubject(subject(status), "UTF-8");
        mail.setSentDate(Date.from(clock.instant()));
        mail.setText(body(status), "UTF-8");
        Transport.send(mail);
    }

    static String subject(ExpiryStatus status) {
        return "Dragongate: " + owner(status) + " certificate " + status.summary();
    }

    static String body(ExpiryStatus status) {
        WatchedCertificate certificate = status.certificate();
        return "The certificate below " + status.summary() + ".\n\n"
                + "Owner:      " + owner(status) + "\n"
                + "Used as:    " + certificate.purpose() + "\n"
                + "Subject:    " + certificate.subject() + "\n"
                + "SHA-256:    " + certificate.sha256() + "\n"
                + "Not after:  " + certificate.notAfter() + "\n"
                + "Days left:  " + Math.max(0, status.daysLeft()) + "\n\n"
                + "What to do: " + certificate.advice() + ".\n\n"
                + "This warning is sent once. 'dragongate cert expiry' lists every certificate the gateway watches.\n";
    }

    private static String owner(ExpiryStatus status) {
        return switch (status.ownerKind()) {
            case PARTNER -> "partner " + status.ownerId();
            case CONTACT_POINT -> "contact point " + status.ownerId();
            case GATEWAY -> "gateway key " + status.ownerId();
        };
    }

    /** {@code <expiry.PARTNER.CN-GACC.1a2b...(64).14@dragongate>}; other characters than letters, digits and dashes become '_'. */
    static String messageId(ExpiryStatus status) {
        return "<expiry." + status.ownerKind() + "." + status.ownerId().replaceAll("[^A-Za-z0-9-]", "_") + "." + status.sha256()
                + "." + status.warningThreshold() + "@dragongate>";
    }
}
