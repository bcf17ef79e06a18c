package org.dragongate.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;
import org.dragongate.demo.EmbeddedSftpServer;
import org.dragongate.demo.PartnerUploader;
import org.dragongate.gateway.GatewayApplication;
import org.dragongate.pki.ExamplePki;
import org.dragongate.quarantine.Quarantine;
import org.dragongate.quarantine.QuarantineEntry;
import org.dragongate.store.Database;
import org.slf4j.LoggerFactory;

/**
 * The gateway as the end-to-end tests drive it: a real embedded SFTP server (MINA SSHD) on a free
 * loopback port with an account per example partner, and the Camel gateway started from the
 * routes on disk and {@code config/application.properties}, with everything it writes under one
 * test folder. The waits poll the file system with a deadline; nothing sleeps a fixed time.
 *
 * <pre>
 * base/sftp/inbox/&lt;PARTNER&gt;/   each partner's inbox (the partner account's whole view)
 * base/sftp/inbox/.done/        where the gateway moves what it has taken in
 * base/sftp-state/              host key and known_hosts
 * base/data/                    the gateway's data dir (archive/, opened/, quarantine/, work/)
 * base/packages/                packages, notices and client files the test made
 * </pre>
 */
public final class GatewayFixture implements AutoCloseable {
    public static final String GATEWAY_PASSWORD = "gateway-test";
    /** Only the SFTP routes: the mail route is tested on its own. */
    public static final String SFTP_ROUTES = "file:routes/gateway.camel.yaml,file:routes/sftp-intake.camel.yaml";
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final java.util.Random PORTS = new java.util.Random();

    private final Path base;
    private final EmbeddedSftpServer server;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Main gateway;

    private GatewayFixture(Path base, EmbeddedSftpServer server) {
        this.base = base;
        this.server = server;
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    /** Starts the SFTP server only; {@link #startGateway} starts the gateway. */
    public static GatewayFixture start(Path base) throws IOException {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String partner : ExamplePki.PARTNER_IDS) {
            passwords.put(partner, partnerPassword(partner));
        }
        Files.createDirectories(base.resolve("packages"));
        return new GatewayFixture(base, EmbeddedSftpServer.start(base.resolve("sftp"), base.resolve("sftp-state"), 0,
                passwords, GATEWAY_PASSWORD));
    }

    /**
     * A port free on 127.0.0.1 just now, for a server a test starts itself. Taken below the kernel's
     * range for outgoing connections: a port the kernel hands out (port 0) could go to any client's
     * connection before the test's server binds it, which failed a test once ("Address already in use").
     */
    public static int freeLoopbackPort() throws IOException {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = below - 12_000 + PORTS.nextInt(12_000);
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (java.net.BindException taken) {
                // another test's server: try the next
            }
        }
        throw new IOException("no free port on 127.0.0.1 below " + below);
    }

    private static int ephemeralRangeStart() {
        try {
            // Read line by line: /proc reports a size of 0, and reading by size gets only the first byte.
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
    }

    public static String partnerPassword(String partnerId) {
        return partnerId.toLowerCase(java.util.Locale.ROOT) + "-test";
    }

    /** The settings the gateway starts with: test folders, the server's port and known_hosts, fast polling. */
    public Map<String, String> overrides() throws IOException {
        TestPki pki = TestPki.shared();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("camel.main.routes-include-pattern", SFTP_ROUTES);
        overrides.put("camel.main.shutdown-timeout", "10");
        overrides.put("gateway.data-dir", dataDir().toString());
        // No partner mappings: intake tests send canonical notices from every partner.
        overrides.put("gateway.mappings-dir", dataDir().resolveSibling("no-mappings").toString());
        overrides.put("gateway.partners-file", writePartners(base).toString());
        overrides.put("gateway.keys", pki.gatewayFile("encryption.p12") + "," + pki.gatewayFile("encryption-ec.p12"));
        overrides.put("gateway.key-password", ExamplePki.DEMO_PASSWORD);
        overrides.put("gateway.signing-key", pki.gatewayFile("signing.p12").toString());
        overrides.put("sftp.port", Integer.toString(server.port()));
        overrides.put("sftp.known-hosts-file", server.knownHosts().toString());
        overrides.put("sftp.password", GATEWAY_PASSWORD);
        overrides.put("sftp.poll-delay", "200");
        // The admin API's server on a port of its own: tests and gateway processes run side by side.
        overrides.put("api.port", Integer.toString(freeLoopbackPort()));
        return overrides;
    }

    /**
     * The shipped contact points, every one taking every category, each at
     * {@code http://127.0.0.1:<port>/contact-points/<ID>} with its example encryption certificate.
     */
    public Path contactPointsAt(int httpPort) throws IOException {
        TestPki pki = TestPki.shared();
        StringBuilder yaml = new StringBuilder("contactPoints:\n");
        for (var contactPoint : ExamplePki.CONTACT_POINTS) {
            String id = contactPoint.id();
            yaml.append("  - id: ").append(id).append('\n')
                    .append("    name: ").append(contactPoint.organisation()).append('\n')
                    .append("    country: ").append(contactPoint.country()).append('\n')
                    .append("    categories: [NARCOTICS, PRECURSORS, WILDLIFE, OTHER]\n")
                    .append("    endpoint: http://127.0.0.1:").append(httpPort).append("/contact-points/").append(id).append('\n')
                    .append("    encryptionCertificate: ").append(pki.contactPointFile(id, "encryption.pem").toAbsolutePath()).append('\n');
        }
        return Files.writeString(base.resolve("contact-points.yaml"), yaml.toString());
    }

    public GatewayFixture startGateway() throws Exception {
        return startGateway(Map.of());
    }

    /** @param changes settings that replace the fixture's {@link #overrides()} */
    public GatewayFixture startGateway(Map<String, String> changes) throws Exception {
        Map<String, String> overrides = overrides();
        overrides.putAll(changes);
        gateway = GatewayApplication.create(Path.of("config", "application.properties"), overrides);
        gateway.start();
        return this;
    }

    public Main gateway() {
        return gateway;
    }

    /** The running gateway's tracking database, to read what the gateway wrote; closing it would close the gateway's pool. */
    public TrackingStore tracking() {
        return new TrackingStore(gateway.getCamelContext().getRegistry().lookupByNameAndType("database", Database.class), Clock.systemUTC());
    }

    /** Waits until the query (a COUNT) on the gateway's database gives {@code expected}. */
    public void awaitCount(long expected, String sql, Object... values) {
        await(sql + " to count " + expected, () -> {
            try {
                return tracking().count(sql, values) == expected ? true : null;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public EmbeddedSftpServer server() {
        return server;
    }

    public Path base() {
        return base;
    }

    public Path dataDir() {
        return base.resolve("data");
    }

    public Path inbox(String partnerId) {
        return server.inbox(partnerId);
    }

    /** The gateway's archive folder on the server, outside every partner's view. */
    public Path doneDir() {
        return server.root().resolve(EmbeddedSftpServer.INBOX).resolve(".done");
    }

    /** The SFTP intake routes' polling consumers (each takes its share of the files), to count polls instead of sleeping. */
    public List<ScheduledPollConsumer> sftpConsumers() {
        return gateway.getCamelContext().getRoutes().stream().filter(route -> route.getRouteId().startsWith("sftp-intake"))
                .map(route -> (ScheduledPollConsumer) route.getConsumer()).toList();
    }

    /** Waits until every SFTP consumer has polled {@code polls} more times (each poll lists every inbox). */
    public void awaitPolls(int polls) {
        List<ScheduledPollConsumer> consumers = sftpConsumers();
        List<Long> targets = consumers.stream().map(consumer -> consumer.getCounter() + polls).toList();
        await("the SFTP consumers to poll " + polls + " more times", () -> {
            for (int i = 0; i < consumers.size(); i++) {
                if (consumers.get(i).getCounter() < targets.get(i)) {
                    return null;
                }
            }
            return consumers.isEmpty() ? null : true;
        });
    }

    /** A package sealed with {@code PackageSealer} by the partner's signer for the gateway; the notice is unique per call. */
    public Path seal(String signerPartnerId) throws IOException {
        return seal(signerPartnerId, "");
    }

    public Path seal(String signerPartnerId, String fileSuffix) throws IOException {
        return sealNotice(signerPartnerId, TestNotices.alert(signerPartnerId, signerPartnerId + "-" + UUID.randomUUID()), fileSuffix);
    }

    /** A package carrying this notice; sealing is randomised, so the same notice twice makes two different packages. */
    public Path sealNotice(String signerPartnerId, String noticeXml, String fileSuffix) throws IOException {
        int n = SEQUENCE.incrementAndGet();
        Path notice = base.resolve("packages").resolve("notice-" + n + ".xml");
        Files.writeString(notice, noticeXml, StandardCharsets.UTF_8);
        KeyMaterial signer = TestPki.shared().signer(signerPartnerId);
        Path sealed = base.resolve("packages").resolve("package-" + n + fileSuffix + ".p7m");
        try (OutputStream out = Files.newOutputStream(sealed)) {
            new PackageSealer().seal(signer, List.of(TestPki.shared().gatewayCertificate()), notice, List.of(),
                    SealOptions.defaults(), out);
        }
        return sealed;
    }

    /** The notice a package made by {@link #seal} carries. */
    public static Path noticeOf(Path sealed) {
        String name = sealed.getFileName().toString();
        return sealed.resolveSibling("notice-" + name.substring("package-".length()).replaceAll("\\D.*", "") + ".xml");
    }

    /** Uploads the way partners are asked to (temporary name, then rename), over a real SFTP session. */
    public void upload(String partnerId, Path file, String remoteName) throws IOException {
        PartnerUploader.upload(server.port(), server.knownHosts(), partnerId, partnerPassword(partnerId), file, remoteName);
    }

    /** An SFTP session as a partner, for uploads that do something unusual. */
    public PartnerSftp sftp(String partnerId) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, server.knownHosts()));
        client.start();
        try {
            ClientSession session = client.connect(partnerId, "127.0.0.1", server.port()).verify(TIMEOUT).getSession();
            session.addPasswordIdentity(partnerPassword(partnerId));
            session.auth().verify(TIMEOUT);
            return new PartnerSftp(client, session, SftpClientFactory.instance().createSftpClient(session));
        } catch (IOException | RuntimeException e) {
            client.stop();
            throw e;
        }
    }

    /** A partner's open SFTP session. */
    public record PartnerSftp(SshClient client, ClientSession session, SftpClient sftp) implements AutoCloseable {
        public void put(Path file, String remoteName) throws IOException {
            try (OutputStream out = sftp.write(remoteName)) {
                Files.copy(file, out);
            }
        }

        @Override
        public void close() throws IOException {
            try (client; session; sftp) {
                // closed in reverse order
            }
        }
    }

    /** Waits for {@code <data>/opened/<sha256>/} and returns it. */
    public Path awaitOpened(String sha256) {
        Path opened = dataDir().resolve("opened").resolve(sha256);
        return await("package " + sha256 + " to be opened", () -> Files.isDirectory(opened) ? opened : null);
    }

    /** Waits until the flow has finished with the package (opened and routed, or quarantined): from then on its bytes are a duplicate. */
    public void awaitProcessed(String sha256) {
        awaitCount(1, "SELECT COUNT(*) FROM package WHERE sha256 = ? AND state <> 'RECEIVED'", sha256);
    }

    /** Waits for the quarantine entry of the package with this SHA-256. */
    public QuarantineEntry awaitQuarantined(String sha256) {
        return await("package " + sha256 + " to be quarantined", () -> quarantined(sha256).orElse(null));
    }

    public Optional<QuarantineEntry> quarantined(String sha256) {
        try {
            return quarantine().list().stream().filter(e -> e.packageSha256().equals(sha256)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Quarantine quarantine() {
        return new Quarantine(dataDir().resolve("quarantine"), Clock.systemUTC());
    }

    /**
     * Waits for the ACCEPTED receipt of a package in the partner's receipts folder and returns the
     * receipt XML it carries (the file is CMS SignedData; the signature is the receipt tests' business).
     */
    public String awaitAcceptedReceipt(String partnerId, String packageSha256) {
        return awaitReceipt(partnerId, packageSha256, "ACCEPTED");
    }

    /** As {@link #awaitAcceptedReceipt}, for a receipt of the given status (ACCEPTED, REJECTED). */
    public String awaitReceipt(String partnerId, String packageSha256, String status) {
        Path receipt = await("the receipt of " + packageSha256, () -> {
            try (Stream<Path> files = Files.list(inbox(partnerId).resolve("receipts"))) {
                return files.filter(f -> f.getFileName().toString().startsWith("receipt-" + packageSha256.substring(0, 12) + "-" + status))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        try {
            byte[] content = (byte[]) new org.bouncycastle.cms.CMSSignedData(Files.readAllBytes(receipt)).getSignedContent().getContent();
            return new String(content, StandardCharsets.UTF_8);
        } catch (IOException | org.bouncycastle.cms.CMSException e) {
            throw new IllegalStateException("unreadable receipt " + receipt, e);
        }
    }

    /** Waits until a file with these bytes is in the server's {@code .done} folder and returns it. */
    public Path awaitMovedToDone(String sha256) {
        return await("package " + sha256 + " to be moved to " + doneDir(), () -> filesWithSha(doneDir(), sha256).stream().findFirst().orElse(null));
    }

    /** Waits until {@code file} no longer exists. */
    public void awaitGone(Path file) {
        await(file + " to be taken", () -> Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? null : true);
    }

    public boolean archived(String sha256) {
        return Files.exists(dataDir().resolve("archive").resolve(sha256.substring(0, 2)).resolve(sha256 + ".p7m"));
    }

    /** Every regular file under {@code dir} whose content has this SHA-256 (links not followed). */
    public static List<Path> filesWithSha(Path dir, String sha256) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> sha256(p).equals(sha256)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Log lines seen since the fixture started (logback's configured levels apply), each with the messages of its exception's causes. */
    public List<String> logLines() {
        synchronized (log) {
            return log.list.stream().map(GatewayFixture::line).toList();
        }
    }

    private static String line(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getLevel()).append(' ')
                .append(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        }
        return line.toString();
    }

    /** Polls {@code probe} every 50 ms until it returns non-null, or fails after {@link #TIMEOUT}. */
    public static <T> T await(String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Stops the gateway if it runs; returns how long that took. */
    public Duration stopGateway() {
        Instant start = Instant.now();
        if (gateway != null) {
            gateway.stop();
            gateway = null;
        }
        return Duration.between(start, Instant.now());
    }

    /** The example partners, trusted through the test PKI's CAs and CRLs, as a partners file in {@code dir}. */
    public static Path writePartners(Path dir) throws IOException {
        TestPki pki = TestPki.shared();
        StringBuilder yaml = new StringBuilder("partners:\n");
        for (ExamplePki.PartnerInfo partner : ExamplePki.PARTNERS) {
            yaml.append("  - id: ").append(partner.id()).append('\n');
            yaml.append("    trustAnchors: ['").append(pki.partnerFile(partner.id(), ExamplePki.CA_CERT_FILE)).append("']\n");
            Path crl = pki.partnerFile(partner.id(), ExamplePki.CA_CRL_FILE);
            if (Files.exists(crl)) {
                yaml.append("    crls: ['").append(crl).append("']\n");
            }
            yaml.append("    mailAddresses: ['").append(partner.mailAddress()).append("']\n");
        }
        return Files.writeString(dir.resolve("partners.yaml"), yaml.toString(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            stopGateway();
        } finally {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
            server.close();
        }
    }
}
