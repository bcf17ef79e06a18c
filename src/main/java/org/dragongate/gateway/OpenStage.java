package org.dragongate.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.dragongate.crypto.Document;
import org.dragongate.crypto.OpenedPackage;
import org.dragongate.crypto.PackageOpener;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.store.PackageRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.dragongate.files.Folders;

/**
 * Opens a package taken in and writes its verified documents to {@code <opened>/<package sha256>/}:
 * notice first (as 1-name), attachments after, for the convert stage and for the administrators;
 * the package's tracking record gets the verified partner and signer.
 */
public final class OpenStage {
    private static final Logger LOG = LoggerFactory.getLogger(OpenStage.class);

    private final PackageOpener opener;
    private final Path openedDir;
    private final PackageRecords records;

    public OpenStage(PackageOpener opener, Path openedDir, PackageRecords records) {
        this.opener = opener;
        this.openedDir = openedDir;
        this.records = records;
    }

    public OpenedRecord open(ReceivedPackage received) throws IOException, PackageRejected, SQLException {
        try (InputStream in = Files.newInputStream(received.archivedAt());
             OpenedPackage opened = opener.open(in, received.channel().partnerId(),
                     PackageOpener.Form.valueOf(received.form().name()))) {
            Path target = openedDir.resolve(received.sha256());
            Path temp = Files.createDirectories(openedDir).resolve("." + received.sha256() + ".part");
            Files.createDirectories(temp);
            int index = 1;
            List<OpenedRecord.OpenedDocument> documents = new ArrayList<>();
            for (Document document : opened.documents()) {
                String fileName = index++ + "-" + document.name();
                try (InputStream data = document.data().openStream()) {
                    Files.copy(data, temp.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
                }
                documents.add(new OpenedRecord.OpenedDocument(document.name(), document.mediaType(), document.size(),
                        document.sha256Hex(), target.resolve(fileName)));
            }
            if (Files.exists(target)) {
                Folders.deleteRecursively(temp);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            String serial = opened.signer().getSerialNumber().toString(16);
            records.opened(received.sha256(), opened.partner().id(), opened.signer().getSubjectX500Principal().getName(X500Principal.RFC2253),
                    serial, opened.revocationWaiver());
            if (opened.revocationWaiver() != null) {
                LOG.warn("package {} accepted without a revocation check, as gateway.revocation.on-missing-crl allows: {}", received.shortId(),
                        opened.revocationWaiver());
            }
            LOG.info("package {} opened: partner {}, signer serial {}, {} document(s)", received.shortId(),
                    opened.partner().id(), serial, opened.documents().size());
            return new OpenedRecord(received, opened.partner().id(), opened.signer(), documents);
        }
    }

}
