package org.dragongate.intake;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A package taken in: its raw bytes are in the archive under their SHA-256, so the stages after
 * intake pass this reference around (a claim check) instead of the bytes.
 *
 * @param duplicate the same bytes were taken in and finished with before; acknowledged, not processed again
 * @param form      how to read the decrypted content: a CMS package file, or an S/MIME message body
 */
public record ReceivedPackage(String sha256, long size, Path archivedAt, Channel channel, Instant receivedAt,
                              boolean duplicate, PackageForm form) {
    public enum PackageForm { CMS, SMIME }

    /** The same package, known to be one the flow already finished with. */
    public ReceivedPackage asDuplicate() {
        return new ReceivedPackage(sha256, size, archivedAt, channel, receivedAt, true, form);
    }

    public String shortId() {
        return sha256.substring(0, 12);
    }
}
