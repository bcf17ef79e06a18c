package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dragongate.testing.PartnerTraffic.awaitOrTimeOut;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dragongate.testing.GatewayProcess;
import org.dragongate.testing.GatewayProcesses;
import org.dragongate.testing.PartnerTraffic;
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
 * and the same bytes, so the contact point keeps exactly one copy. The audit trail the killed
 * processes wrote is still one unbroken chain.
 */
class CrashSafetyIT {
    private static final int SFTP_PACKAGES = 24;
    private static final int MAIL_PACKAGES = 6;
    private static final Duration DEADLINE = Duration.ofSeconds(150);
    /**
     * Each restart is the same instance, as a service restarted in place is: it releases the delivery
     * claims its killed run left instead of waiting minutes for their lease to lapse.
     */
    private static final Map<String, String> SAME_INSTANCE = Map.of("gateway.instance-id", "gw-crash");

    @TempDir
    Path base;

    private GatewayProcesses servers;

    @BeforeEach
    void startServers() throws Exception {
        servers = GatewayProcesses.start(base);
    }

    @AfterEach
    void stopServers() throws Exception {
        servers.close();
    }

    @Test
    void killedDuringIntakeDeliveryAndStartupTheGatewayLosesNothingAndDoublesNothing() throws Exception {
        RecordingContactPoints contactPoints = servers.contactPoints();
        PartnerTraffic traffic = servers.seal(SFTP_PACKAGES, MAIL_PACKAGES);

        // 1. Killed in the middle of intake and its first deliveries.
        GatewayProcess first = servers.start("run-1", SAME_INSTANCE);
        traffic.upload(0, 12);
        awaitOrTimeOut(() -> contactPoints.deliveries().size() >= 3, Duration.ofSeconds(60), first);
        first.kill();
        int afterFirst = contactPoints.deliveries().size();

        // 2. Killed again while mail and more SFTP packages arrive and deliveries go on.
        GatewayProcess second = servers.start("run-2", SAME_INSTANCE);
        traffic.mailAll();
        traffic.upload(12, SFTP_PACKAGES);
        awaitOrTimeOut(() -> contactPoints.deliveries().size() >= afterFirst + 8, Duration.ofSeconds(60), second);
        second.kill();

        // 3. Killed while it starts and takes its first polls.
        GatewayProcess third = servers.start("run-3", SAME_INSTANCE);
        Thread.sleep(2500);
        third.kill();

        // 4. Runs to the end.
        GatewayProcess last = servers.start("run-4", SAME_INSTANCE);
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
        assertThat(servers.sftp().quarantine().list()).as("nothing refused: every package was valid").isEmpty();
        GatewayProcess.CommandResult audit = GatewayProcess.command(base.resolve("processes"), "audit", "verify",
                "--data-dir", servers.sftp().dataDir().toString());
        assertThat(audit.exitCode()).as("audit verify: %s", audit.output()).isZero();
        assertThat(audit.output()).contains("audit trail intact");
        System.out.printf("crash safety: %d notices, %d deliveries, %d requests (%d re-sent after a kill under the same key)%n",
                traffic.references().size(), byKey.size(), contactPoints.deliveries().size(),
                contactPoints.deliveries().size() - byKey.size());
    }
}
