package org.dragongate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dragongate.testing.GatewayFixture;
import org.dragongate.testing.GatewayProcess;
import org.dragongate.testing.GatewayProcess.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a newcomer runs it (from the packaged jar, in the project folder):
 * the demo starts its servers and the gateway, and its three samples end as the guide says: two
 * packages delivered to their contact points, the damaged one quarantined. The receiver keeps its
 * port (8480): the shipped contact-point directory points there.
 */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void theDemoDeliversItsSamplesQuarantinesTheDamagedOneAndShowsWhereTheConsoleIs() throws Exception {
        int apiPort = GatewayFixture.freeLoopbackPort();
        CommandResult demo = GatewayProcess.command(dir, "demo", "--exit", "--dir", dir.resolve("demo").toString(), "--sftp-port", "0",
                "--smtp-port", Integer.toString(GatewayFixture.freeLoopbackPort()), "--imap-port",
                Integer.toString(GatewayFixture.freeLoopbackPort()), "--api-port", Integer.toString(apiPort));

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output())
                .contains("contact-points/RILO-AP: 1 delivery(ies)")
                .contains("contact-points/VN-DRUG-POLICE: 1 delivery(ies)")
                .contains("contact-points/VN-ENV-POLICE: 1 delivery(ies)")
                .containsPattern("Q-\\d{8}-\\d{6}-[0-9a-f]{12}\\s+DECRYPTION_FAILED\\s+sftp CN-GACC/damaged-")
                .contains("the web console http://127.0.0.1:" + apiPort + "/console/")
                .doesNotContain("Exception");

        CommandResult token = GatewayProcess.command(dir, "admin-token", "create", "--name", "newcomer", "--role", "admin", "--data-dir",
                dir.resolve("demo").resolve("gateway").toString());
        assertThat(token.exitCode()).as(token.output()).isZero();
        assertThat(token.output()).containsPattern("dg_[A-Za-z0-9_-]{20,}");
    }
}
