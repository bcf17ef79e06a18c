package org.dragongate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.GatewayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue between intake and the open stage, end to end: the SFTP file is released as soon as
 * its package is archived and queued; a package whose processing fails (here the disk refuses the
 * opened documents) stays on the queue and is processed once the trouble is over (when it never is,
 * see {@link FailedPackageIT}); and a second gateway sharing the broker and the archive opens what the
 * first one took in.
 */
class ReceivedQueueIT {
    private static final String CN = ExamplePki.CN_GACC;

    @TempDir
    Path base;

    private GatewayFixture gw;
    private Main second;

    @AfterEach
    void stop() throws IOException {
        try {
            if (second != null) {
                second.stop();
            }
        } finally {
            if (gw != null) {
                gw.close();
            }
        }
    }

    /** A failure that is not the package's fault rolls back: the package is delivered again, and opened once the disk is back. */
    @Test
    void packageWhoseProcessingFailsIsDeliveredAgainAndOpenedOnceTheTroubleIsOver() throws Exception {
        gw = GatewayFixture.start(base);
        Path blocker = Files.writeString(Files.createDirectories(gw.dataDir()).resolve("opened"), "not a folder: the open stage cannot write");
        gw.startGateway(Map.of("queues.redelivery-delay", "200"));
        Path sealed = gw.seal(CN);
        String sha = GatewayFixture.sha256(sealed);

        gw.upload(CN, sealed, "while-disk-fails.p7m");

        // Released at the source as soon as it was archived and queued, before it could be opened.
        gw.awaitMovedToDone(sha);
        awaitLog("the second failed attempt", sha, "attempt 2 of 10 failed");
        assertThat(gw.quarantine().list()).isEmpty();
        Files.delete(blocker);
        assertThat(gw.awaitOpened(sha).resolve("1-document")).hasSameBinaryContentAs(GatewayFixture.noticeOf(sealed));
        gw.awaitProcessed(sha);
        assertThat(gw.logLines()).filteredOn(l -> l.contains("package " + sha.substring(0, 12) + " opened")).hasSize(1);
    }

    /**
     * Instances share the broker and the archive: one takes a package in over SFTP and queues its
     * claim check, the other (connected to the first one's broker by URL, with no open-package route
     * of the first to compete with) opens it from the shared archive.
     */
    @Test
    void secondGatewaySharingTheBrokerAndTheArchiveOpensWhatTheFirstTookIn() throws Exception {
        int port = GatewayFixture.freeLoopbackPort();
        gw = GatewayFixture.start(base);
        gw.startGateway(Map.of("queues.embedded-port", Integer.toString(port),
                "camel.main.route-filter-exclude-pattern", "open-package,deliver-notices"));
        Map<String, String> secondSettings = gw.overrides();
        secondSettings.put("camel.main.routes-include-pattern", "file:routes/gateway.camel.yaml");
        secondSettings.put("queues.broker-url", "tcp://127.0.0.1:" + port);
        second = GatewayApplication.create(Path.of("config", "application.properties"), secondSettings);
        second.start();
        assertThat(gw.gateway().getCamelContext().getRoute("open-package")).isNull();
        Path sealed = gw.seal(CN);
        String sha = GatewayFixture.sha256(sealed);

        gw.upload(CN, sealed, "for-the-other-instance.p7m");

        assertThat(gw.awaitOpened(sha).resolve("1-document")).hasSameBinaryContentAs(GatewayFixture.noticeOf(sealed));
        gw.awaitMovedToDone(sha);
        assertThat(gw.dataDir().resolve("broker")).isDirectory();
    }

    private String awaitLog(String what, String sha, String text) {
        String shortId = sha.substring(0, 12);
        return GatewayFixture.await(what, () -> gw.logLines().stream()
                .filter(l -> l.contains("package " + shortId) && l.contains(text)).findFirst().orElse(null));
    }
}
