package org.dragongate.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on loopback for the demo and the end-to-end tests. Each
 * partner account is confined to its own inbox {@code <root>/inbox/<PARTNER>}; the gateway account
 * sees {@code <root>} with every inbox. Symbolic links cannot be created, so an account can never
 * point a file at something outside its folder.
 */
public final class EmbeddedSftpServer implements AutoCloseable {
    public static final String GATEWAY_USER = "gateway";
    public static final String INBOX = "inbox";
    public static final String RECEIPTS = "receipts";

    private final SshServer server;
    private final Path root;
    private final Path knownHosts;
    private final Map<String, List<PublicKey>> authorizedKeys;
    private final List<String> keyExchanges;

    private EmbeddedSftpServer(SshServer server, Path root, Path knownHosts, Map<String, List<PublicKey>> authorizedKeys,
                               List<String> keyExchanges) {
        this.server = server;
        this.root = root;
        this.knownHosts = knownHosts;
        this.authorizedKeys = authorizedKeys;
        this.keyExchanges = keyExchanges;
    }

    /**
     * Starts on {@code port} (0 for any free port). Writes {@code known_hosts} for the gateway next to the host key.
     *
     * @param partnerPasswords partner id to its account password
     * @param gatewayPassword  the gateway account's password
     */
    public static EmbeddedSftpServer start(Path root, Path stateDir, int port, Map<String, String> partnerPasswords,
                                           String gatewayPassword) throws IOException {
        root = root.toAbsolutePath();
        Files.createDirectories(stateDir);
        VirtualFileSystemFactory homes = new VirtualFileSystemFactory(Files.createDirectories(root));
        homes.setUserHomeDir(GATEWAY_USER, root);
        for (String partner : partnerPasswords.keySet()) {
            homes.setUserHomeDir(partner, Files.createDirectories(root.resolve(INBOX).resolve(partner)));
            // Where the gateway puts the partner's signed receipts; the intake (recursive) must not take them in.
            Files.createDirectories(root.resolve(INBOX).resolve(partner).resolve(RECEIPTS));
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(stateDir.resolve("sftp-host-key.ser"));
        hostKey.setAlgorithm("RSA");
        hostKey.setKeySize(3072);
        server.setKeyPairProvider(hostKey);
        server.setPasswordAuthenticator((user, password, session) -> GATEWAY_USER.equals(user)
                ? gatewayPassword.equals(password)
                : password != null && password.equals(partnerPasswords.get(user)));
        // Key login for accounts given a key with authorizeKey (OpenSSH clients in batch mode cannot type a password).
        Map<String, List<PublicKey>> authorizedKeys = new ConcurrentHashMap<>();
        server.setPublickeyAuthenticator((user, key, session) -> authorizedKeys.getOrDefault(user, List.of()).stream()
                .anyMatch(known -> KeyUtils.compareKeys(known, key)));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
                throw new IOException("links are not allowed on this server");
            }
        });
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(homes);
        List<String> keyExchanges = new CopyOnWriteArrayList<>();
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionEvent(Session session, Event event) {
                if (event == Event.KeyEstablished) {
                    keyExchanges.add(session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS));
                }
            }
        });
        server.start();

        Path knownHosts = stateDir.resolve("known_hosts");
        StringBuilder lines = new StringBuilder();
        for (KeyPair pair : hostKey.loadKeys(null)) {
            lines.append("[127.0.0.1]:").append(server.getPort()).append(' ')
                    .append(PublicKeyEntry.toString(pair.getPublic())).append('\n');
        }
        Files.writeString(knownHosts, lines.toString(), StandardCharsets.US_ASCII);
        return new EmbeddedSftpServer(server, root, knownHosts, authorizedKeys, keyExchanges);
    }

    /** Lets {@code account} also log in with the key(s) in {@code publicKeyFile} (OpenSSH {@code authorized_keys} / {@code .pub} format). */
    public void authorizeKey(String account, Path publicKeyFile) throws IOException, GeneralSecurityException {
        for (AuthorizedKeyEntry entry : AuthorizedKeyEntry.readAuthorizedKeys(publicKeyFile)) {
            authorizedKeys.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>())
                    .add(entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING));
        }
    }

    /** The key exchange algorithm of every handshake (and re-key) so far, in order: how many SSH connections clients paid for. */
    public List<String> keyExchanges() {
        return List.copyOf(keyExchanges);
    }

    public int port() {
        return server.getPort();
    }

    public Path root() {
        return root;
    }

    public Path inbox(String partnerId) {
        return root.resolve(INBOX).resolve(partnerId);
    }

    /** OpenSSH known_hosts line(s) for this server's host key, for the gateway's strict host key checking. */
    public Path knownHosts() {
        return knownHosts;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
