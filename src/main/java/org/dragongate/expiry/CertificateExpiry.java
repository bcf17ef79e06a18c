package org.dragongate.expiry;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Every watched certificate's expiry status, soonest first: what {@code dragongate cert expiry}
 * prints and {@code GET /api/v1/certificates/expiry} returns.
 */
public final class CertificateExpiry {
    private static final Comparator<ExpiryStatus> SOONEST_FIRST = Comparator.comparing(ExpiryStatus::notAfter)
            .thenComparing(ExpiryStatus::ownerKind).thenComparing(ExpiryStatus::ownerId).thenComparing(ExpiryStatus::sha256);

    private final CertificateInventory inventory;
    private final ExpiryThresholds thresholds;
    private final Clock clock;

    public CertificateExpiry(CertificateInventory inventory, ExpiryThresholds thresholds, Clock clock) {
        this.inventory = inventory;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    /** Every certificate, soonest to expire first. */
    public List<ExpiryStatus> statuses() throws SQLException {
        Instant now = clock.instant();
        return inventory.certificates().stream().map(certificate -> thresholds.status(certificate, now)).sorted(SOONEST_FIRST).toList();
    }

    /** Those with no more than {@code days} whole days left, expired ones included. */
    public List<ExpiryStatus> within(long days) throws SQLException {
        return statuses().stream().filter(status -> status.daysLeft() <= days).toList();
    }
}
