package org.dragongate.delivery;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Delivers by SFTP (Apache MINA SSHD) to {@code sftp://user@host:port/folder}: the sealed bytes are
 * written as {@code .<notice>__<contact point>.p7m.part} and renamed to {@code <notice>__<contact point>.p7m}
 * once complete, so the contact point never picks up a half-written file. The final name comes from the
 * idempotency key: if it is already there, an earlier attempt got through and nothing is overwritten.
 * The host key must be in the gateway's known_hosts; the login (password and/or key) is the gateway's own,
 * the user name the endpoint's. Sessions are kept open between sends ({@link SftpSessions}).
 */
public final class SftpDelivery implements DeliveryChannel {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_PORT = 22;

    private final SftpSessions sessions;

    /**
     * @param password       the gateway's SFTP password, or null; also the passphrase of an encrypted private key
     * @param privateKeyFile the gateway's SSH private key (OpenSSH or PEM), or null
     */
    public SftpDelivery(Path knownHostsFile, String password, Path privateKeyFile, Duration timeout) {
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
        Objects.requireNonNull(timeout, "timeout");
        if (password == null && privateKeyFile == null) {
            throw new IllegalArgumentException("SFTP delivery needs a password or a private key");
        }
        List<KeyPair> keys = new ArrayList<>();
        if (privateKeyFile != null) {
            // Loaded once, here: a key that will not load is a configuration error for startup, not a delivery outcome.
            FileKeyPairProvider provider = new FileKeyPairProvider(privateKeyFile);
            if (password != null) {
                provider.setPasswordFinder(FilePasswordProvider.of(password));
            }
            try {
                provider.loadKeys(null).forEach(keys::add);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the gateway's SFTP private key could not be loaded from " + privateKeyFile, e);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no private key in " + privateKeyFile);
            }
        }
        this.sessions = new SftpSessions(knownHostsFile, password, keys, timeout);
    }

    @Override
    public DeliveryOutcome send(SealedDelivery delivery) throws InterruptedException {
        URI endpoint = delivery.target().endpoint();
        String user = endpoint.getUserInfo();
        if (user == null || user.isEmpty() || endpoint.getHost() == null) {
            return new DeliveryOutcome.Rejected(0, "SFTP endpoint needs user@host");
        }
        int port = endpoint.getPort() < 0 ? DEFAULT_PORT : endpoint.getPort();
        String folder = folder(endpoint.getPath());
        String name = delivery.noticeId() + "__" + delivery.target().contactPointId() + ".p7m";
        String finalPath = folder + name;
        String partPath = folder + "." + name + ".part";

        try {
            SftpSessions.Lease lease = sessions.borrow(user, endpoint.getHost(), port);
            try {
                return sendOver(lease, delivery.body(), finalPath, partPath);
            } catch (IOException stale) {
                if (!lease.reused() || stale instanceof SftpException) {
                    throw stale;
                }
                // A kept session the server dropped meanwhile: once more on a new one (the upload is idempotent).
                return sendOver(sessions.borrow(user, endpoint.getHost(), port), delivery.body(), finalPath, partPath);
            }
        } catch (IOException e) {
            return failure(e);
        }
    }

    /** The session goes back for the next send unless the connection failed or the send was cut off. */
    private DeliveryOutcome sendOver(SftpSessions.Lease lease, byte[] body, String finalPath, String partPath)
            throws IOException, InterruptedException {
        boolean good = false;
        try {
            DeliveryOutcome outcome = upload(lease.sftp(), body, finalPath, partPath);
            good = true;
            return outcome;
        } catch (SftpException e) {
            // The server answered with a status: the session itself is fine.
            good = true;
            throw e;
        } finally {
            if (good) {
                sessions.release(lease);
            } else {
                sessions.drop(lease);
            }
        }
    }

    /** Closes the kept sessions; a send after this fails. */
    @Override
    public void close() {
        sessions.close();
    }

    private DeliveryOutcome upload(SftpClient sftp, byte[] body, String finalPath, String partPath)
            throws IOException, InterruptedException {
        if (exists(sftp, finalPath)) {
            return new DeliveryOutcome.Delivered(0);
        }
        try {
            try (OutputStream out = sftp.write(partPath, EnumSet.of(SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                    SftpClient.OpenMode.Truncate))) {
                out.write(body);
            }
            // No overwrite flag: the rename fails rather than replace a file a concurrent attempt already placed.
            sftp.rename(partPath, finalPath);
            return new DeliveryOutcome.Delivered(0);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            boolean alreadyThere = false;
            try {
                alreadyThere = exists(sftp, finalPath);
                sftp.remove(partPath);
            } catch (IOException cleanupFailed) {
                // The session may be gone; the next attempt truncates the leftover .part anyway.
            }
            if (alreadyThere) {
                return new DeliveryOutcome.Delivered(0);
            }
            throw e;
        }
    }

    private static boolean exists(SftpClient sftp, String path) throws IOException {
        try {
            sftp.stat(path);
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    private DeliveryOutcome failure(IOException e) throws InterruptedException {
        if (Thread.interrupted() || hasCause(e, InterruptedIOException.class) && !hasCause(e, SocketTimeoutException.class)) {
            throw new InterruptedException();
        }
        if (e instanceof SftpSessions.HostKeyRefused || disconnectCode(e) == SshConstants.SSH2_DISCONNECT_HOST_KEY_NOT_VERIFIABLE) {
            // Permanent until an admin puts the right key in known_hosts: retrying would only knock on the wrong door.
            return new DeliveryOutcome.Rejected(0, "host key not trusted");
        }
        if (disconnectCode(e) == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
            return new DeliveryOutcome.Rejected(0, "SFTP authentication failed");
        }
        if (e instanceof SftpException sftp) {
            // The server's message may name paths or quote its own text: only the status goes into the reason.
            return switch (sftp.getStatus()) {
                case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH -> new DeliveryOutcome.Rejected(0, "SFTP folder not found");
                case SftpConstants.SSH_FX_PERMISSION_DENIED -> new DeliveryOutcome.Rejected(0, "SFTP permission denied");
                default -> new DeliveryOutcome.RetryLater("SFTP error " + SftpConstants.getStatusName(sftp.getStatus()), null);
            };
        }
        if (hasCause(e, ConnectException.class)) {
            return new DeliveryOutcome.RetryLater("connection refused", null);
        }
        if (hasCause(e, TimeoutException.class) || hasCause(e, SocketTimeoutException.class)
                || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
            return new DeliveryOutcome.RetryLater("timeout", null);
        }
        if (hasCause(e, UnresolvedAddressException.class)) {
            return new DeliveryOutcome.RetryLater("host not found", null);
        }
        return new DeliveryOutcome.RetryLater("connection failed (" + e.getClass().getSimpleName() + ")", null);
    }

    /** {@code /} or empty is the login folder as the server roots it; {@code /~/in} is {@code in} under the home folder. */
    static String folder(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        if (path.startsWith("/~/")) {
            path = path.substring(3);
        }
        return path.isEmpty() || path.endsWith("/") ? path : path + "/";
    }

    private static int disconnectCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SshException ssh && ssh.getDisconnectCode() != 0) {
                return ssh.getDisconnectCode();
            }
        }
        return 0;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
