package org.dragongate.gateway;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.dragongate.intake.ReceivedPackage;

/**
 * A package after the open stage: who signed it, and its verified documents on disk (notice
 * first). What the convert stage needs, without holding the package open between stages.
 */
public record OpenedRecord(ReceivedPackage received, String partnerId, X509Certificate signer, List<OpenedDocument> documents) {
    /** One verified document as written by the open stage. */
    public record OpenedDocument(String name, String mediaType, long size, String sha256, Path path) {
    }

    public OpenedRecord {
        documents = List.copyOf(documents);
    }
}
