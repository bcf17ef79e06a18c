package org.dragongate.crypto;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.dragongate.trust.Partner;

/**
 * A package that decrypted, whose signature verified and whose signer belongs to {@link #partner()}.
 * Holds its content on disk; close it to delete the spool files.
 *
 * @param packageSha256 SHA-256 of the package bytes exactly as received
 * @param content       the signed content as signed (the notice itself, or the MIME entity holding notice and attachments)
 * @param documents     the notice first, then attachments; a single entry when the content is not MIME
 * @param revocationWaiver why the signer's revocation went unchecked, accepted under the gateway's revocation policy;
 *                         null when it was checked or not required. It belongs on the package's audit record.
 */
public record OpenedPackage(
        Partner partner,
        X509Certificate signer,
        Instant signingTime,
        String packageSha256,
        long packageSize,
        String contentCipher,
        X509Certificate gatewayCertificate,
        Spool content,
        List<Document> documents,
        String revocationWaiver) implements AutoCloseable {

    public OpenedPackage {
        documents = List.copyOf(documents);
    }

    public Document notice() {
        return documents.get(0);
    }

    public List<Document> attachments() {
        return documents.subList(1, documents.size());
    }

    @Override
    public void close() {
        for (Document document : documents) {
            if (document.data() != content) {
                document.data().close();
            }
        }
        content.close();
    }
}
