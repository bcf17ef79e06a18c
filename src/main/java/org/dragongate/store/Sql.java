package org.dragongate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JDBC details the stores share, written once so H2 and PostgreSQL see the same values. */
public final class Sql {
    private static final Logger LOG = LoggerFactory.getLogger(Sql.class);
    /** SQLState of a unique or primary-key violation, in both databases. */
    public static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    /** Microseconds: what both databases keep, so a value read back equals the value written. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
    }

    public static Instant instant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the work in a transaction; when another instance inserted the same key first, runs it once
     * more in a fresh one, which then sees that row. (PostgreSQL aborts a transaction on any failed
     * statement, so the first one cannot go on after the violation: it is rolled back whole.)
     */
    public static <T> T retryingOnceOnConflict(Database db, Database.Work<T> work) throws SQLException {
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            LOG.debug("another instance wrote the same row first ({}); reading it in a new transaction", e.getMessage().lines().findFirst().orElse(""));
            return db.inTransaction(work);
        }
    }

    /** Binds the values in order: Instants as UTC timestamps in microseconds, everything else as is. */
    public static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Instant instant) {
                setInstant(statement, i + 1, instant);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
    }

    /** @return the number of rows changed */
    public static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(sql)) {
            bind(update, values);
            return update.executeUpdate();
        }
    }

    public static boolean exists(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Text cut to a column's width; longer text is shortened, never refused. */
    public static String cut(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    /** An administrator's optional reason as the reason columns (1000 characters) keep it: stripped, cut, null when none was given. */
    public static String reason(String reason) {
        return reason == null || reason.isBlank() ? null : cut(reason.strip(), 1000);
    }
}
