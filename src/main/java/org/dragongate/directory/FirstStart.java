package org.dragongate.directory;

import java.sql.SQLException;
import java.util.Optional;
import org.dragongate.store.Database;
import org.dragongate.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's first start: an import from its configuration files into a table that is still
 * empty, in one transaction. Another instance that imports at the same moment wins; this one then
 * finds the table filled and imports nothing.
 */
public final class FirstStart {
    /** Who the audit trail names for the gateway's own first imports. */
    public static final String ACTOR = "bootstrap";
    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);

    private FirstStart() {
    }

    /**
     * @param table  the table whose emptiness means "first start"
     * @param what   what is imported, for the log
     * @return what the import returned; empty when the table already had rows
     */
    public static <R> Optional<R> importIfEmpty(Database db, String table, String what, Database.Work<R> importing) throws SQLException {
        String anyRow = "SELECT 1 FROM " + table;
        if (db.inTransaction(c -> Sql.exists(c, anyRow))) {
            return Optional.empty();
        }
        try {
            return db.inTransaction(c -> Sql.exists(c, anyRow) ? Optional.empty() : Optional.of(importing.run(c)));
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                LOG.info("another gateway instance imported {} first", what);
                return Optional.empty();
            }
            throw e;
        }
    }
}
