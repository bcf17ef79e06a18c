package org.dragongate.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.dragongate.expiry.CertificateExpiry;
import org.dragongate.expiry.ExpiryStatus;
import org.dragongate.expiry.OwnerKind;

/** What the expiry watch sees, through the API: the same {@link CertificateExpiry} the watch route and {@code cert expiry} read. */
public final class ExpiryApi {
    /** Longer than any certificate lives. */
    private static final int MAX_DAYS = 36_500;

    /**
     * One watched certificate.
     *
     * @param thresholdDays the warning threshold crossed (30, 14, 7, 1) when WARNING; null otherwise
     */
    public record Expiry(OwnerKind ownerKind, String ownerId, String purpose, String sha256, String subject, Instant notAfter,
                         long daysLeft, ExpiryStatus.State state, Integer thresholdDays) {
        static Expiry of(ExpiryStatus status) {
            return new Expiry(status.ownerKind(), status.ownerId(), status.purpose(), status.sha256(), status.subject(), status.notAfter(),
                    status.daysLeft(), status.state(), status.thresholdDays());
        }
    }

    private final CertificateExpiry expiry;

    public ExpiryApi(CertificateExpiry expiry) {
        this.expiry = expiry;
    }

    /** Soonest to expire first. @param within the {@code within} query parameter: only those with no more whole days left */
    public List<Expiry> list(String within) throws SQLException {
        Integer days = ApiParameters.wholeNumber("within", within, 0, MAX_DAYS, null);
        return (days == null ? expiry.statuses() : expiry.within(days)).stream().map(Expiry::of).toList();
    }
}
