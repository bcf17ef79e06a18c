package org.dragongate.delivery;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.dragongate.mail.SmtpRelay;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Delivers by S/MIME mail (RFC 8551) to the contact point's {@code mailto:} address: the sealed CMS
 * is the whole message, {@code application/pkcs7-mime}, so any S/MIME client (or {@code dragongate open}
 * on the saved attachment) opens it. The Message-ID is the same on every attempt, so a receiver can
 * drop a repeat. An SMTP 4xx or a network failure is retried; a 5xx (unknown mailbox, refused sender) is final.
 */
public final class MailDelivery implements DeliveryChannel {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final String MESSAGE_ID_DOMAIN = "dragongate";
    private static final ASN1ObjectIdentifier AUTH_ENVELOPED_DATA = CMSObjectIdentifiers.authEnvelopedData;

    private final Session session;
    private final InternetAddress from;

    public MailDelivery(String smtpHost, int smtpPort, String fromAddress, Duration timeout) {
        this(smtpHost, smtpPort, fromAddress, timeout, null, null, false);
    }

    /**
     * @param user     SMTP login, or null for a relay that takes the gateway without authentication
     * @param startTls require STARTTLS: with it, the login and the message never cross the network in clear
     */
    public MailDelivery(String smtpHost, int smtpPort, String fromAddress, Duration timeout, String user, String password, boolean startTls) {
        this.from = SmtpRelay.sender(fromAddress, "delivery mail sender");
        this.session = SmtpRelay.session(smtpHost, smtpPort, from, timeout, user, password, startTls);
    }

    @Override
    public DeliveryOutcome send(SealedDelivery delivery) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("mail delivery interrupted");
        }
        InternetAddress to;
        String smimeType;
        MimeMessage mail;
        try {
            to = recipient(delivery.target());
            smimeType = smimeType(delivery.body());
            mail = message(delivery, to, smimeType);
        } catch (IllegalArgumentException | MessagingException e) {
            // The directory or the sealer is wrong, not the network: retrying would send the same thing again.
            return new DeliveryOutcome.Rejected(0, e.getMessage());
        }
        try {
            Transport.send(mail);
            return new DeliveryOutcome.Delivered(0); // status 0: no HTTP status on this transport
        } catch (MessagingException e) {
            return outcome(e);
        }
    }

    /** The message: the CMS itself, base64, as the single S/MIME part (no multipart wrapper, RFC 8551 section 3.2). */
    private MimeMessage message(SealedDelivery delivery, InternetAddress to, String smimeType) throws MessagingException {
        String messageId = messageId(delivery);
        // The default is random per attempt; a stable id lets the receiver recognise a re-sent notice.
        MimeMessage mail = SmtpRelay.withStableId(session, messageId);
        mail.setFrom(from);
        mail.setRecipient(Message.RecipientType.TO, to);
        mail.setSubject("Dragongate notice " + delivery.noticeId(), "UTF-8");
        mail.setSentDate(new Date());
        String contentType = "application/pkcs7-mime; smime-type=" + smimeType + "; name=smime.p7m";
        mail.setDataHandler(new jakarta.activation.DataHandler(
                new jakarta.mail.util.ByteArrayDataSource(delivery.body(), contentType)));
        mail.setHeader("Content-Transfer-Encoding", "base64");
        mail.setDisposition(jakarta.mail.Part.ATTACHMENT);
        mail.setFileName("smime.p7m");
        mail.saveChanges();
        return mail;
    }

    /**
     * {@code <noticeId.contactPointId@dragongate>}, as the idempotency key. Ids may hold {@code :} and
     * {@code ..}, which a Message-ID may not: those are written {@code =3A} and {@code =2E} (ids never hold
     * {@code =}), and every dot of the contact point id too, so the last plain dot separates the two and
     * two different keys never share an id.
     */
    static String messageId(SealedDelivery delivery) {
        String notice = delivery.noticeId().replace(":", "=3A");
        StringBuilder left = new StringBuilder();
        for (int i = 0; i < notice.length(); i++) {
            char c = notice.charAt(i);
            boolean loneDot = c == '.' && i + 1 < notice.length() && notice.charAt(i + 1) != '.';
            left.append(c != '.' || loneDot ? String.valueOf(c) : "=2E");
        }
        String contactPoint = delivery.target().contactPointId().replace(":", "=3A").replace(".", "=2E");
        return "<" + left + "." + contactPoint + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    /** The one address of the {@code mailto:} endpoint; {@code ?subject=} and the like are ignored. */
    static InternetAddress recipient(DeliveryTarget target) {
        String address = target.endpoint().getSchemeSpecificPart();
        int query = address == null ? -1 : address.indexOf('?');
        if (query >= 0) {
            address = address.substring(0, query);
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(address, true);
            if (parsed.length != 1) {
                throw new IllegalArgumentException("contact point " + target.contactPointId() + ": the mailto endpoint must hold one address");
            }
            parsed[0].validate();
            return parsed[0];
        } catch (AddressException e) {
            throw new IllegalArgumentException("contact point " + target.contactPointId() + ": the mailto endpoint is not a mail address");
        }
    }

    /** RFC 8551 smime-type from the CMS content type at the start of the body, so the receiver's client knows what to do. */
    static String smimeType(byte[] body) {
        ASN1ObjectIdentifier type;
        try {
            ASN1SequenceParser contentInfo = (ASN1SequenceParser) new ASN1StreamParser(body).readObject();
            ASN1Encodable first = contentInfo.readObject();
            type = (ASN1ObjectIdentifier) first;
        } catch (IOException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("delivery body is not DER CMS");
        }
        if (AUTH_ENVELOPED_DATA.equals(type)) {
            return "authEnveloped-data";
        }
        if (CMSObjectIdentifiers.envelopedData.equals(type)) {
            return "enveloped-data";
        }
        if (CMSObjectIdentifiers.signedData.equals(type)) {
            return "signed-data";
        }
        throw new IllegalArgumentException("delivery body is CMS " + type + ", not signed or enveloped data");
    }

    /** Reasons hold the SMTP code or the failure's type, never the server's text (it may quote the address or content). */
    static DeliveryOutcome outcome(MessagingException failure) {
        Integer code = smtpCode(failure);
        if (code != null) {
            String reason = "SMTP " + code;
            return code >= 500 ? new DeliveryOutcome.Rejected(code, reason) : new DeliveryOutcome.RetryLater(reason, null);
        }
        if (causedBy(failure, SocketTimeoutException.class)) {
            return new DeliveryOutcome.RetryLater("timeout", null);
        }
        if (failure instanceof MailConnectException || causedBy(failure, ConnectException.class)) {
            return new DeliveryOutcome.RetryLater("connection refused", null);
        }
        // Authentication failure, reset, TLS failure: the gateway's own settings or the network, worth another try.
        return new DeliveryOutcome.RetryLater("mail failed (" + failure.getClass().getSimpleName() + ")", null);
    }

    /** The reply code of the first SMTP command that failed, looking through the chain that Transport builds. */
    private static Integer smtpCode(Exception failure) {
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            if (e instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (e instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (e instanceof SMTPSendFailedException s && s.getReturnCode() > 0) {
                return s.getReturnCode();
            }
        }
        return null;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
