package org.dragongate.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dragongate.demo.EmbeddedMailServer;

/**
 * What the tests that run the gateway as its own process need around it: the partners' SFTP
 * server, the gateway's mailbox, contact points that record what they receive, and every gateway
 * process started, killed when the test ends.
 */
public final class GatewayProcesses implements AutoCloseable {
    private static final String MAIL_PASSWORD = "gateway-test";
    private static final String ALL_ROUTES =
            "file:routes/gateway.camel.yaml,file:routes/sftp-intake.camel.yaml,file:routes/mail-intake.camel.yaml";

    private final Path base;
    private final GatewayFixture sftp;
    private final EmbeddedMailServer mail;
    private final RecordingContactPoints contactPoints;
    private final List<GatewayProcess> started = new ArrayList<>();

    private GatewayProcesses(Path base, GatewayFixture sftp, EmbeddedMailServer mail, RecordingContactPoints contactPoints) {
        this.base = base;
        this.sftp = sftp;
        this.mail = mail;
        this.contactPoints = contactPoints;
    }

    public static GatewayProcesses start(Path base) throws IOException {
        GatewayFixture sftp = GatewayFixture.start(base);
        return new GatewayProcesses(base, sftp, EmbeddedMailServer.start(0, 0, MAIL_PASSWORD), RecordingContactPoints.start());
    }

    /** Starts a gateway process with every intake route, these servers, and {@code changes} on top. */
    public GatewayProcess start(String name, Map<String, String> changes) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(sftp.overrides());
        settings.put("camel.main.routes-include-pattern", ALL_ROUTES);
        settings.put("gateway.contact-points-file", sftp.contactPointsAt(contactPoints.port()).toString());
        settings.put("delivery.poll-period", "200");
        settings.put("delivery.smtp.port", Integer.toString(mail.smtpPort()));
        settings.put("mail.port", Integer.toString(mail.imapPort()));
        settings.put("mail.username", EmbeddedMailServer.GATEWAY_LOGIN);
        settings.put("mail.password", MAIL_PASSWORD);
        settings.put("mail.poll-delay", "300");
        settings.putAll(changes);
        GatewayProcess process = GatewayProcess.start(settings, base.resolve("processes"), name);
        started.add(process);
        return process;
    }

    /** Valid packages from the example partners, sealed for these servers. */
    public PartnerTraffic seal(int sftpPackages, int mailPackages) throws IOException {
        return PartnerTraffic.seal(sftp, mail, sftpPackages, mailPackages);
    }

    public GatewayFixture sftp() {
        return sftp;
    }

    public RecordingContactPoints contactPoints() {
        return contactPoints;
    }

    public Path base() {
        return base;
    }

    @Override
    public void close() throws Exception {
        try (sftp; mail; contactPoints) {
            for (GatewayProcess process : started) {
                process.kill();
            }
        }
    }
}
