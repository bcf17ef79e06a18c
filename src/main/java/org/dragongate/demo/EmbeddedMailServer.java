package org.dragongate.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real mail server (GreenMail, SMTP and IMAP) on loopback, holding the gateway's mailbox.
 * Partners send to it over SMTP without authentication, as to an agency's relay.
 */
public final class EmbeddedMailServer implements AutoCloseable {
    public static final String GATEWAY_ADDRESS = "gateway@dragongate.example";
    public static final String GATEWAY_LOGIN = "gateway";

    private final GreenMail mail;

    private EmbeddedMailServer(GreenMail mail) {
        this.mail = mail;
    }

    /** Ports 0 pick free ports. */
    public static EmbeddedMailServer start(int smtpPort, int imapPort, String gatewayPassword) {
        ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        if (smtpPort == 0) {
            smtp = smtp.dynamicPort();
        }
        if (imapPort == 0) {
            imap = imap.dynamicPort();
        }
        GreenMail mail = new GreenMail(new ServerSetup[] {smtp, imap});
        mail.start();
        mail.setUser(GATEWAY_ADDRESS, GATEWAY_LOGIN, gatewayPassword);
        return new EmbeddedMailServer(mail);
    }

    public int smtpPort() {
        return mail.getSmtp().getPort();
    }

    public int imapPort() {
        return mail.getImap().getPort();
    }

    public GreenMail greenMail() {
        return mail;
    }

    @Override
    public void close() {
        mail.stop();
    }
}
