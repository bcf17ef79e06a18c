package org.dragongate.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit records of one transaction, appended after its row changes. Appending locks the chain's
 * head until commit; taking that lock last means a transaction holding it never waits for a row
 * another transaction holds, so two instances cannot deadlock over a row and the head.
 */
final class AuditBatch {
    private record Entry(AuditEvent event, String subject, String detail) {
    }

    private final List<Entry> entries = new ArrayList<>();

    AuditBatch add(AuditEvent event, String subject, String detail) {
        entries.add(new Entry(event, subject, detail));
        return this;
    }

    void appendTo(Connection connection, AuditTrail trail, String actor) throws SQLException {
        for (Entry entry : entries) {
            trail.append(connection, actor, entry.event(), entry.subject(), entry.detail());
        }
    }
}
