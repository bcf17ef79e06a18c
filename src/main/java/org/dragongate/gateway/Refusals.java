package org.dragongate.gateway;

import java.io.IOException;
import java.sql.SQLException;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.quarantine.Quarantine;
import org.dragongate.quarantine.QuarantineEntry;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.store.PackageRecords;

/**
 * Where the routes' one error handler sends a refused package: to quarantine, with its reason. The
 * evidence (raw bytes, entry) goes to the quarantine folder first, then the tracking record says
 * QUARANTINED (so the same bytes are a duplicate from then on), then the receipt goes out.
 */
public final class Refusals {
    private final Quarantine quarantine;
    private final PackageRecords records;
    private final ReceiptStage receipts;

    public Refusals(Quarantine quarantine, PackageRecords records, ReceiptStage receipts) {
        this.quarantine = quarantine;
        this.records = records;
        this.receipts = receipts;
    }

    public QuarantineEntry quarantine(ReceivedPackage received, PackageRejected refusal) throws IOException, SQLException {
        if (received == null) {
            // Refused before intake finished: nothing was archived, so the source must stay where it is.
            throw new IOException("package refused before it was taken in (" + refusal.summary() + "); left at its source");
        }
        QuarantineEntry entry = quarantine.put(received, refusal);
        records.quarantined(received.sha256(), entry.id(), refusal.reason().name(), refusal.getMessage());
        receipts.refused(received, refusal);
        return entry;
    }
}
