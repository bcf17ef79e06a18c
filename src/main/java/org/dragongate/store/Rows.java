package org.dragongate.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading columns the same way on H2 and PostgreSQL. */
final class Rows {
    private Rows() {
    }

    /** A TIMESTAMP WITH TIME ZONE column as an instant, or null when the column is. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
