package org.dragongate.demo;

import java.io.IOException;
import java.nio.file.Path;

/** Uploads one package the way partners are asked to (see {@link PartnerSession}), in a session of its own. */
public final class PartnerUploader {
    private PartnerUploader() {
    }

    public static void upload(int port, Path knownHosts, String account, String password, Path file, String remoteName)
            throws IOException {
        try (PartnerSession session = PartnerSession.open(port, knownHosts, account, password)) {
            session.upload(file, remoteName);
        }
    }
}
