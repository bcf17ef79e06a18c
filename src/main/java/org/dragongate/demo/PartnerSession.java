package org.dragongate.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * A partner's open SFTP session: uploads the way partners are asked to, under a temporary name,
 * renamed once complete, so the gateway never takes a half-written file. One session for many
 * uploads spares each package an SSH handshake (the benchmark sends hundreds).
 */
public final class PartnerSession implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;

    private PartnerSession(SshClient client, ClientSession session, SftpClient sftp) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
    }

    public static PartnerSession open(int port, Path knownHosts, String account, String password) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts));
        client.start();
        ClientSession session = null;
        try {
            session = client.connect(account, "127.0.0.1", port).verify(TIMEOUT).getSession();
            session.addPasswordIdentity(password);
            session.auth().verify(TIMEOUT);
            return new PartnerSession(client, session, SftpClientFactory.instance().createSftpClient(session));
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close();
            }
            client.stop();
            throw e;
        }
    }

    /** Uploads {@code file} as {@code remoteName}; returns once the rename made it visible to the gateway. */
    public void upload(Path file, String remoteName) throws IOException {
        String temporary = remoteName + ".part";
        try (OutputStream out = sftp.write(temporary)) {
            Files.copy(file, out);
        }
        sftp.rename(temporary, remoteName);
    }

    @Override
    public void close() throws IOException {
        try (client; session; sftp) {
            // closes the SFTP channel, then the session, then the client
        }
    }
}
