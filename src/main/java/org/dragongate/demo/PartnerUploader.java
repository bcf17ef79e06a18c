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
 * Uploads a package the way partners are asked to: under a temporary name, renamed once complete,
 * so the gateway never takes a half-written file.
 */
public final class PartnerUploader {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private PartnerUploader() {
    }

    public static void upload(int port, Path knownHosts, String account, String password, Path file, String remoteName)
            throws IOException {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, knownHosts));
            client.start();
            try (ClientSession session = client.connect(account, "127.0.0.1", port).verify(TIMEOUT).getSession()) {
                session.addPasswordIdentity(password);
                session.auth().verify(TIMEOUT);
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    String temporary = remoteName + ".part";
                    try (OutputStream out = sftp.write(temporary)) {
                        Files.copy(file, out);
                    }
                    sftp.rename(temporary, remoteName);
                }
            }
        }
    }
}
