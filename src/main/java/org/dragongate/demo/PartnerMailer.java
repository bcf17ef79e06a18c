package org.dragongate.demo;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/** Sends a sealed package as a mail attachment, the way a partner's mail client would. */
public final class PartnerMailer {
    private PartnerMailer() {
    }

    public static void send(int smtpPort, String from, String to, Path sealedPackage) throws IOException {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", Integer.toString(smtpPort));
        Session session = Session.getInstance(settings);
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(from));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            mail.setSubject("Intelligence package " + sealedPackage.getFileName());
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Sealed package attached.", "UTF-8");
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.attachFile(sealedPackage.toFile(), "application/pkcs7-mime; smime-type=enveloped-data", "base64");
            MimeMultipart body = new MimeMultipart();
            body.addBodyPart(text);
            body.addBodyPart(attachment);
            mail.setContent(body);
            Transport.send(mail);
        } catch (MessagingException e) {
            throw new IOException("sending the mail failed: " + e.getMessage(), e);
        }
    }
}
