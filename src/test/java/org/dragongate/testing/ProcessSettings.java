package org.dragongate.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dragongate.demo.EmbeddedMailServer;

/**
 * The settings of a gateway process in the tests that run it as its own process: the fixture's
 * SFTP server and data dir, every intake route, a mailbox, and contact points that record what
 * they receive.
 */
public final class ProcessSettings {
    public static final String ALL_ROUTES =
            "file:routes/gateway.camel.yaml,file:routes/sftp-intake.camel.yaml,file:routes/mail-intake.camel.yaml";

    private ProcessSettings() {
    }

    public static Map<String, String> of(GatewayFixture sftp, EmbeddedMailServer mail, String mailPassword, Path contactPointDirectory)
            throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(sftp.overrides());
        settings.put("camel.main.routes-include-pattern", ALL_ROUTES);
        settings.put("gateway.contact-points-file", contactPointDirectory.toString());
        settings.put("delivery.poll-period", "200");
        settings.put("delivery.smtp.port", Integer.toString(mail.smtpPort()));
        settings.put("mail.port", Integer.toString(mail.imapPort()));
        settings.put("mail.username", EmbeddedMailServer.GATEWAY_LOGIN);
        settings.put("mail.password", mailPassword);
        settings.put("mail.poll-delay", "300");
        return settings;
    }
}
