package org.dragongate.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.dragongate.crypto.Document;
import org.dragongate.crypto.OpenedPackage;
import org.dragongate.crypto.PackageOpener;
import org.dragongate.intake.PackageArchive;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.refusal.PackageRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a package taken in and, until the conversion stage exists, ends the flow by writing its
 * verified documents to {@code <opened>/<package sha256>/}: notice first (as 1-name), attachments after.
 */
public final class OpenStage {
    private static final Logger LOG = LoggerFactory.getLogger(OpenStage.class);

    private final PackageOpener opener;
    private final Path openedDir;
    private final PackageArchive archive;

    public OpenStage(PackageOpener opener, Path openedDir, PackageArchive archive) {
        this.opener = opener;
        this.openedDir = openedDir;
        this.archive = archive;
    }

    public Path open(ReceivedPackage received) throws IOException, PackageRejected {
        try (InputStream in = Files.newInputStream(received.archivedAt());
             OpenedPackage opened = opener.open(in, received.channel().partnerId(),
                     PackageOpener.Form.valueOf(received.form().name()))) {
            Path target = openedDir.resolve(received.sha256());
            Path temp = Files.createDirectories(openedDir).resolve("." + received.sha256() + ".part");
            Files.createDirectories(temp);
            int index = 1;
            for (Document document : opened.documents()) {
                Files.copy(document.data().path(), temp.resolve(index++ + "-" + document.name()), StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.exists(target)) {
                deleteFolder(temp);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            archive.markProcessed(received.sha256());
            LOG.info("package {} opened: partner {}, signer serial {}, {} document(s)", received.shortId(),
                    opened.partner().id(), opened.signer().getSerialNumber().toString(16), opened.documents().size());
            return target;
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }
}
