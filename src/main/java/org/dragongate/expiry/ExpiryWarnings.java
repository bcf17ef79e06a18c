package org.dragongate.expiry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.dragongate.store.Sql;

/**
 * The warnings already given (table {@code expiry_warning}): one row per certificate, owner and threshold.
 * The row is written inside the transaction that sends the warning; a second watcher inserting the same
 * row waits for that transaction and then fails on the primary key, so only one of them sends.
 */
final class ExpiryWarnings {
    private ExpiryWarnings() {
    }

    static boolean given(Connection c, ExpiryStatus status) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM expiry_warning WHERE owner_kind = ? AND owner_id = ? AND sha256 = ? AND threshold_days = ?",
                status.ownerKind().name(), status.ownerId(), status.sha256(), status.warningThreshold());
    }

    /** @throws SQLException a unique violation ({@link Sql#isUniqueViolation}) when another watcher has just claimed it */
    static void claim(Connection c, ExpiryStatus status, Instant now, String instanceId, String mailedTo) throws SQLException {
        Sql.update(c, "INSERT INTO expiry_warning (owner_kind, owner_id, sha256, threshold_days, not_after, warned_at, warned_by, mailed_to)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", status.ownerKind().name(), status.ownerId(), status.sha256(),
                status.warningThreshold(), status.notAfter(), now, Sql.cut(instanceId, 128), mailedTo == null ? null : Sql.cut(mailedTo, 1000));
    }
}
