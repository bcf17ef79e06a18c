package org.dragongate.gateway;

import java.io.IOException;
import org.dragongate.intake.PackageArchive;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.quarantine.Quarantine;
import org.dragongate.quarantine.QuarantineEntry;
import org.dragongate.refusal.PackageRejected;

/** Where the routes' one error handler sends a refused package: to quarantine, with its reason. */
public final class Refusals {
    private final Quarantine quarantine;
    private final PackageArchive archive;
    private final ReceiptStage receipts;

    public Refusals(Quarantine quarantine, PackageArchive archive, ReceiptStage receipts) {
        this.quarantine = quarantine;
        this.archive = archive;
        this.receipts = receipts;
    }

    public QuarantineEntry quarantine(ReceivedPackage received, PackageRejected refusal) throws IOException {
        if (received == null) {
            // Refused before intake finished: nothing was archived, so the source must stay where it is.
            throw new IOException("package refused before it was taken in (" + refusal.summary() + "); left at its source");
        }
        QuarantineEntry entry = quarantine.put(received, refusal);
        archive.markProcessed(received.sha256());
        receipts.refused(received, refusal);
        return entry;
    }
}
