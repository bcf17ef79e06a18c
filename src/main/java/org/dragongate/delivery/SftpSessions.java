package org.dragongate.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Logged-in SFTP sessions, kept open between sends and lent to one caller at a time, one pool per
 * {@code user@host:port}. An SSH handshake costs a key exchange on both sides (tens of milliseconds
 * of CPU, far more than the upload of a receipt or a notice); a session that is open is reused, one
 * that the server or the idle timeout closed is dropped and a new one opened. Nothing stays open
 * after {@link #close}.
 *
 * <p>The key exchange stays MINA SSHD's first choice, the post-quantum hybrid sntrup761x25519: it is
 * slow in Java (most of a handshake's CPU), but with sessions kept it is paid once per session rather
 * than once per file, and a partner's traffic keeps its protection against later quantum decryption.
 * (ML-KEM would be faster; this MINA SSHD looks for it where BouncyCastle 1.87 no longer has it.)
 */
final class SftpSessions implements AutoCloseable {
    /** Idle sessions kept per server; more are closed when they come back. */
    private static final int MAX_IDLE = 4;
    private static final AttributeKey<Boolean> HOST_KEY_REFUSED = new AttributeKey<>();

    /** A server's host key is not the one in known_hosts: permanent until an admin changes known_hosts. */
    static final class HostKeyRefused extends IOException {
        HostKeyRefused(IOException cause) {
            super("host key not trusted", cause);
        }
    }

    /** One logged-in session and its SFTP channel, lent to one caller until it is given back or dropped. */
    record Lease(String server, ClientSession session, SftpClient sftp, boolean reused) {
        boolean isOpen() {
            return session.isOpen() && sftp.isOpen();
        }
    }

    private final String password;
    private final List<KeyPair> keys;
    private final Duration timeout;
    private final Path knownHostsFile;
    private SshClient client;
    private final Map<String, Deque<Lease>> idle = new HashMap<>();
    private boolean closed;

    /** @param password the login password, or null when the keys alone log in */
    SftpSessions(Path knownHostsFile, String password, List<KeyPair> keys, Duration timeout) {
        this.password = password;
        this.keys = List.copyOf(keys);
        this.timeout = timeout;
        this.knownHostsFile = knownHostsFile;
    }

    /** An open session to the server, reused when one is idle; the caller gives it back with {@link #release} or {@link #drop}. */
    Lease borrow(String user, String host, int port) throws IOException {
        String server = user + "@" + host + ":" + port;
        Lease lease;
        while ((lease = idleOne(server)) != null) {
            if (lease.isOpen()) {
                return lease;
            }
            drop(lease);
        }
        return open(server, user, host, port);
    }

    /** The caller is done and the session is still good: the next caller for the same server gets it. */
    synchronized void release(Lease lease) {
        Deque<Lease> leases = idle.computeIfAbsent(lease.server(), s -> new ArrayDeque<>());
        if (closed || !lease.isOpen() || leases.size() >= MAX_IDLE) {
            drop(lease);
            return;
        }
        leases.push(new Lease(lease.server(), lease.session(), lease.sftp(), true));
    }

    /** The session failed or is in doubt: it is closed, never lent again. */
    void drop(Lease lease) {
        try {
            lease.sftp().close();
        } catch (IOException e) {
            // closing the session below ends the channel anyway
        }
        lease.session().close(true);
    }

    @Override
    public void close() {
        List<Lease> open = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(open::addAll);
            idle.clear();
        }
        open.forEach(this::drop);
        synchronized (this) {
            if (client != null) {
                client.stop();
            }
        }
    }

    /** Started at the first send: a gateway that never sends over SFTP runs no SSH client threads. */
    private synchronized SshClient client() {
        if (closed) {
            throw new IllegalStateException("SFTP sessions closed");
        }
        if (client == null) {
            client = client(knownHostsFile, timeout);
        }
        return client;
    }

    private synchronized Lease idleOne(String server) {
        if (closed) {
            throw new IllegalStateException("SFTP sessions closed");
        }
        Deque<Lease> leases = idle.get(server);
        return leases == null ? null : leases.poll();
    }

    private Lease open(String server, String user, String host, int port) throws IOException {
        ClientSession session = client().connect(user, host, port).verify(timeout).getSession();
        try {
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            for (KeyPair key : keys) {
                session.addPublicKeyIdentity(key);
            }
            session.auth().verify(timeout);
            return new Lease(server, session, SftpClientFactory.instance().createSftpClient(session), false);
        } catch (IOException e) {
            boolean refused = Boolean.TRUE.equals(session.getAttribute(HOST_KEY_REFUSED));
            session.close(true);
            throw refused ? new HostKeyRefused(e) : e;
        }
    }

    private static SshClient client(Path knownHostsFile, Duration timeout) {
        SshClient client = SshClient.setUpDefaultClient();
        KnownHostsServerKeyVerifier knownHosts = new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHostsFile);
        // A changed key is refused, never learned: the default acceptor already says no, this makes it explicit.
        knownHosts.setModifiedServerKeyAcceptor((session, address, entry, expected, actual) -> false);
        ServerKeyVerifier remembering = (session, address, key) -> {
            boolean trusted = knownHosts.verifyServerKey(session, address, key);
            if (!trusted) {
                session.setAttribute(HOST_KEY_REFUSED, Boolean.TRUE);
            }
            return trusted;
        };
        client.setServerKeyVerifier(remembering);
        // SFTP requests wait for their answer up to the idle timeout: it is the per-operation timeout here. An idle
        // session is closed after it too, so a kept session holds nothing on the server for long.
        CoreModuleProperties.IDLE_TIMEOUT.set(client, timeout);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, timeout);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, timeout);
        client.start();
        return client;
    }
}
