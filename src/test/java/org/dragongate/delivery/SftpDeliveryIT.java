package org.dragongate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.demo.EmbeddedSftpServer;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.ContactPointOpen;
import org.dragongate.testing.ContactPointOpen.Opened;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery to a contact point's folder on a real SFTP server (MINA SSHD): what arrives, under which
 * name, and how each failure is classified. The delivered file is opened with our own {@code open}
 * command, exactly as the contact point would.
 */
class SftpDeliveryIT {
    private static final TestPki PKI = TestPki.shared();
    private static final String CP = ExamplePki.VN_CUSTOMS_ASI;
    private static final String CP_PASSWORD = "cp-sftp-secret";
    private static final String NOTICE_ID = "N-2025-0042";
    private static final byte[] NOTICE = "<notice xmlns=\"urn:dragongate:notice:1\"><id>N-2025-0042</id></notice>"
            .getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private EmbeddedSftpServer server;
    private EmbeddedSftpServer other;

    @BeforeEach
    void start() throws IOException {
        server = EmbeddedSftpServer.start(dir.resolve("sftp"), dir.resolve("sftp-state"), 0, Map.of(CP, CP_PASSWORD),
                "gateway-password-not-used");
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        if (other != null) {
            other.close();
        }
    }

    @Test
    void uploadsUnderTheIdempotentNameAndTheContactPointOpensIt() throws Exception {
        DeliveryOutcome outcome = channel(server.knownHosts(), CP_PASSWORD).send(sealed(server.port(), "/"));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        Path delivered = server.inbox(CP).resolve(NOTICE_ID + "__" + CP + ".p7m");
        assertThat(filesIn(server.inbox(CP))).containsExactly(delivered);
        Path opened = dir.resolve("opened.xml");
        Opened result = open(delivered, opened);
        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(Files.readAllBytes(opened)).isEqualTo(NOTICE);
    }

    /** No {@code .part} is ever left behind after success: the contact point only ever sees complete files. */
    @Test
    void leavesNoTemporaryFileBehind() throws Exception {
        channel(server.knownHosts(), CP_PASSWORD).send(sealed(server.port(), "/"));

        try (Stream<Path> files = Files.list(server.inbox(CP))) {
            // Files only: the demo server also makes each account a receipts folder.
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".part")).hasSize(1);
        }
    }

    /** An attempt whose answer was lost is retried: the file already there means it got through, and is not overwritten. */
    @Test
    void repeatedDeliveryIsDeliveredOnceAndNeverOverwrites() throws Exception {
        SftpDelivery sftp = channel(server.knownHosts(), CP_PASSWORD);
        sftp.send(sealed(server.port(), "/"));
        Path delivered = server.inbox(CP).resolve(NOTICE_ID + "__" + CP + ".p7m");
        byte[] first = Files.readAllBytes(delivered);

        // Sealed afresh, as a re-drive would: other bytes (new signing time, new content key), same name.
        DeliveryOutcome again = sftp.send(sealed(server.port(), "/"));

        assertThat(again).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(filesIn(server.inbox(CP))).containsExactly(delivered);
        assertThat(Files.readAllBytes(delivered)).isEqualTo(first);
    }

    @Test
    void uploadsIntoTheEndpointsFolder() throws Exception {
        Files.createDirectories(server.inbox(CP).resolve("notices"));

        DeliveryOutcome outcome = channel(server.knownHosts(), CP_PASSWORD).send(sealed(server.port(), "/notices"));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(server.inbox(CP).resolve("notices").resolve(NOTICE_ID + "__" + CP + ".p7m")).isRegularFile();
    }

    /** The gateway may log in with its SSH key instead of a password (OpenSSH key made by {@code ssh-keygen}). */
    @Test
    void logsInWithTheGatewaysPrivateKey() throws Exception {
        Path key = dir.resolve("gateway_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).isZero();
        server.authorizeKey(CP, dir.resolve("gateway_ed25519.pub"));

        DeliveryOutcome outcome = new SftpDelivery(server.knownHosts(), null, key, TIMEOUT).send(sealed(server.port(), "/"));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(server.inbox(CP).resolve(NOTICE_ID + "__" + CP + ".p7m")).isRegularFile();
    }

    /** A server whose key differs from the one on record may be an impostor: nothing is sent, and retrying will not help. */
    @Test
    void serverWithAnotherHostKeyIsRejectedAndGetsNothing() throws Exception {
        other = EmbeddedSftpServer.start(dir.resolve("other"), dir.resolve("other-state"), 0, Map.of(CP, CP_PASSWORD), "x");
        // The first server's key recorded for the other server's address: a changed host key.
        String firstKey = Files.readString(server.knownHosts()).split(" ", 2)[1];
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + other.port() + " " + firstKey);

        DeliveryOutcome outcome = channel(knownHosts, CP_PASSWORD).send(sealed(other.port(), "/"));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Rejected(0, "host key not trusted"));
        assertThat(filesIn(other.inbox(CP))).isEmpty();
    }

    /** An unknown host is never learned on first use: the admin adds it to known_hosts. */
    @Test
    void hostMissingFromKnownHostsIsRejectedAndGetsNothing() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");

        DeliveryOutcome outcome = channel(knownHosts, CP_PASSWORD).send(sealed(server.port(), "/"));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Rejected(0, "host key not trusted"));
        assertThat(filesIn(server.inbox(CP))).isEmpty();
        assertThat(Files.readString(knownHosts)).isEmpty();
    }

    /** The reason goes to logs and dead letters: it names the failure, never the password. */
    @Test
    void wrongPasswordIsRejectedWithoutQuotingIt() throws Exception {
        DeliveryOutcome outcome = channel(server.knownHosts(), "wrong-password").send(sealed(server.port(), "/"));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Rejected(0, "SFTP authentication failed"));
        assertThat(outcome.reason()).doesNotContain("wrong-password");
        assertThat(filesIn(server.inbox(CP))).isEmpty();
    }

    @Test
    void missingFolderIsRejected() throws Exception {
        DeliveryOutcome outcome = channel(server.knownHosts(), CP_PASSWORD).send(sealed(server.port(), "/no-such-folder"));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Rejected(0, "SFTP folder not found"));
        assertThat(filesIn(server.inbox(CP))).isEmpty();
    }

    /** A handshake (a post-quantum key exchange on both sides) costs far more CPU than a small upload: one session carries them all. */
    @Test
    void deliveriesShareOneSession() throws Exception {
        try (SftpDelivery sftp = channel(server.knownHosts(), CP_PASSWORD)) {
            for (String notice : List.of("N-1", "N-2", "N-3")) {
                assertThat(sftp.send(sealed(notice, server.port(), "/"))).isInstanceOf(DeliveryOutcome.Delivered.class);
            }
        }

        assertThat(filesIn(server.inbox(CP))).hasSize(3);
        assertThat(server.keyExchanges()).hasSize(1);
    }

    /** The kept session died with the server: the next delivery opens a new one instead of failing. */
    @Test
    void aSessionTheServerDroppedIsReplaced() throws Exception {
        try (SftpDelivery sftp = channel(server.knownHosts(), CP_PASSWORD)) {
            assertThat(sftp.send(sealed("N-1", server.port(), "/"))).isInstanceOf(DeliveryOutcome.Delivered.class);
            int port = server.port();
            server.close();
            server = EmbeddedSftpServer.start(dir.resolve("sftp"), dir.resolve("sftp-state"), port, Map.of(CP, CP_PASSWORD),
                    "gateway-password-not-used");

            assertThat(sftp.send(sealed("N-2", port, "/"))).isInstanceOf(DeliveryOutcome.Delivered.class);
        }

        assertThat(filesIn(server.inbox(CP))).hasSize(2);
        assertThat(server.keyExchanges()).hasSize(1);
    }

    @Test
    void closedPortIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        DeliveryOutcome outcome = channel(server.knownHosts(), CP_PASSWORD).send(sealed(closedPort, "/"));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.RetryLater("connection refused", null));
    }

    /** A port that accepts but never speaks SSH: the attempt ends at the timeout and is retried. */
    @Test
    void silentServerTimesOutAndIsRetried() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SftpDelivery sftp = new SftpDelivery(server.knownHosts(), CP_PASSWORD, null, Duration.ofSeconds(1));
            long started = System.nanoTime();

            DeliveryOutcome outcome = sftp.send(sealed(silent.getLocalPort(), "/"));

            assertThat(outcome).isEqualTo(new DeliveryOutcome.RetryLater("timeout", null));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    private static SftpDelivery channel(Path knownHosts, String password) {
        return new SftpDelivery(knownHosts, password, null, TIMEOUT);
    }

    private static SealedDelivery sealed(int port, String folder) throws IOException {
        return sealed(NOTICE_ID, port, folder);
    }

    private static SealedDelivery sealed(String noticeId, int port, String folder) throws IOException {
        DeliveryTarget target = new DeliveryTarget(CP, URI.create("sftp://" + CP + "@127.0.0.1:" + port + folder),
                PKI.contactPointKey(CP).certificate(), null);
        return new DeliverySealer(KeyFiles.load(PKI.gatewayFile(ExamplePki.SIGNING + ".p12"), TestPki.password(), null))
                .seal(noticeId, NOTICE, target);
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private Opened open(Path sealed, Path out) {
        return ContactPointOpen.open(CP, sealed, out, dir);
    }
}
