package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dragongate.testing.PartnerTraffic.awaitOrTimeOut;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dragongate.demo.EmbeddedMailServer;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.GatewayProcess;
import org.dragongate.testing.PartnerTraffic;
import org.dragongate.testing.ProcessSettings;
import org.dragongate.testing.RecordingContactPoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the gateway runs as its own process and is killed with SIGKILL while packages
 * arrive over SFTP and mail and while it delivers them: during intake and delivery, and again
 * while it starts. After the last restart every notice has reached each contact point it is
 * routed to, no package is left behind or lost, and whatever a contact point received twice
 * (a delivery cut off after it was sent, before it was recorded) carries the same Idempotency-Key
 * and the same bytes, so the contact point keeps exactly one copy.
 */
class CrashSafetyIT {
    private static final String MAIL_PASSWORD = "gateway-test";
    private static final int SFTP_PACKAGES = 24;
    private static final int MAIL_PACKAGES = 6;
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @TempDir
    Path base;

    private GatewayFixture sftp;
    private EmbeddedMailServer mail;
    private RecordingContactPoints contactPoints;
    private final List<GatewayProcess> processes = new ArrayList<>();

    @BeforeEach
    void startServers() throws Exception {
        sftp = GatewayFixture.start(base);
        mail = EmbeddedMailServer.start(0, 0, MAIL_PASSWORD);
        contactPoints = RecordingContactPoints.start();
    }

    @AfterEach
    void stopServers() throws Exception {
        try {
            for (GatewayProcess process : processes) {
                process.kill();
            }
        } finally {
            contactPoints.close();
            mail.close();
            sftp.close();
        }
    }

    @Test
    void killedDuringIntakeDeliveryAndStartupTheGatewayLosesNothingAndDoublesNothing() throws Exception {
        PartnerTraffic traffic = PartnerTraffic.seal(sftp, mail, SFTP_PACKAGES, MAIL_PACKAGES);

        // 1. Killed in the middle of intake and its first deliveries.
        GatewayProcess first = start("run-1");
        traffic.upload(0, 12);
        awaitOrTimeOut(() -> contactPoints.deliveries().size() >= 3, Duration.ofSeconds(60), first);
        first.kill();
        int afterFirst = contactPoints.deliveries().size();

        // 2. Killed again while mail and more SFTP packages arrive and deliveries go on.
        GatewayProcess second = start("run-2");
        traffic.mailAll();
        traffic.upload(12, SFTP_PACKAGES);
        awaitOrTimeOut(() -> contactPoints.deliveries().size() >= afterFirst + 8, Duration.ofSeconds(60), second);
        second.kill();

        // 3. Killed while it starts and takes its first polls.
        GatewayProcess third = start("run-3");
        Thread.sleep(2500);
        third.kill();

        // 4. Runs to the end.
        GatewayProcess last = start("run-4");
        int expected = traffic.expectedDeliveries();
        awaitOrTimeOut(() -> contactPoints.byIdempotencyKey().size() >= expected && traffic.inboxesEmpty() && traffic.allMailsSeen(),
                DEADLINE, last);
        last.close();

        Map<String, List<ServeEvent>> byKey = contactPoints.byIdempotencyKey();
        for (String reference : traffic.references()) {
            for (String contactPoint : PartnerTraffic.ROUTED_TO) {
                assertThat(byKey.keySet()).as("notice %s delivered to %s", reference, contactPoint)
                        .anyMatch(key -> key.contains(reference) && key.endsWith(contactPoint));
            }
        }
        assertThat(byKey).as("one delivery key per notice and contact point, nothing else").hasSize(expected);
        byKey.forEach((key, copies) -> assertThat(copies.stream().map(e -> Arrays.hashCode(e.getRequest().getBody())).distinct())
                .as("every copy sent under %s carries the same bytes", key).hasSize(1));
        assertThat(traffic.inboxesEmpty()).as("every SFTP package taken in and moved away").isTrue();
        assertThat(traffic.allMailsSeen()).as("every mail taken in and marked").isTrue();
        assertThat(sftp.quarantine().list()).as("nothing refused: every package was valid").isEmpty();
        System.out.printf("crash safety: %d notices, %d deliveries, %d requests (%d re-sent after a kill under the same key)%n",
                traffic.references().size(), byKey.size(), contactPoints.deliveries().size(),
                contactPoints.deliveries().size() - byKey.size());
    }

    private GatewayProcess start(String name) throws Exception {
        Map<String, String> settings = ProcessSettings.of(sftp, mail, MAIL_PASSWORD, contactPoints.directory(base.resolve("contact-points.yaml")));
        GatewayProcess process = GatewayProcess.start(settings, base.resolve("processes"), name);
        processes.add(process);
        return process;
    }
}
