package org.dragongate.mail;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;

/**
 * The SMTP relay the gateway sends through (delivery.smtp.*): one mail session for deliveries to
 * contact points and for the administrators' expiry warnings alike, always with timeouts.
 */
public final class SmtpRelay {
    private SmtpRelay() {
    }

    /** The sender address, checked once at start so a typo fails then rather than at the first mail. */
    public static InternetAddress sender(String fromAddress, String setting) {
        try {
            return new InternetAddress(fromAddress, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(setting + " is not a mail address: " + fromAddress, e);
        }
    }

    /**
     * @param user     SMTP login, or null for a relay that takes the gateway without authentication
     * @param startTls require STARTTLS: with it, the login and the message never cross the network in clear
     */
    public static Session session(String smtpHost, int smtpPort, InternetAddress from, Duration timeout, String user, String password,
                                  boolean startTls) {
        String millis = Long.toString(timeout.toMillis());
        Properties settings = new Properties();
        settings.put("mail.smtp.host", smtpHost);
        settings.put("mail.smtp.port", Integer.toString(smtpPort));
        settings.put("mail.smtp.from", from.getAddress());
        // Without these, a relay that accepts the connection and then says nothing blocks the sender forever.
        settings.put("mail.smtp.connectiontimeout", millis);
        settings.put("mail.smtp.timeout", millis);
        settings.put("mail.smtp.writetimeout", millis);
        if (startTls) {
            settings.put("mail.smtp.starttls.enable", "true");
            settings.put("mail.smtp.starttls.required", "true");
            settings.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        Authenticator login = null;
        if (user != null) {
            settings.put("mail.smtp.auth", "true");
            PasswordAuthentication credentials = new PasswordAuthentication(user, password);
            login = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return credentials;
                }
            };
        }
        return Session.getInstance(settings, login);
    }

    /** A message with the same Message-ID on every attempt (the default is random per send), so a receiver can recognise a repeat. */
    public static MimeMessage withStableId(Session session, String messageId) {
        return new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
    }
}
