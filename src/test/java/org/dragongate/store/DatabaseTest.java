package org.dragongate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.dragongate.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTest {
    @TempDir
    Path temp;

    static Iterable<String> databases() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void migratesToTheCurrentSchemaAndAgainWithoutChange(String kind) throws SQLException {
        DatabaseSettings settings = TestDatabases.settings(kind, temp);
        try (Database db = Database.open(settings)) {
            assertThat(countRows(db, "audit_head")).isEqualTo(1);
        }
        try (Database again = Database.open(settings)) {
            assertThat(countRows(again, "audit_head")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTransactionThatThrowsLeavesNothingBehind(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            assertThatThrownBy(() -> db.inTransaction(c -> {
                c.createStatement().executeUpdate("UPDATE audit_head SET seq = 99");
                throw new SQLException("boom");
            })).hasMessage("boom");
            long seq = db.inTransaction(c -> {
                ResultSet rs = c.createStatement().executeQuery("SELECT seq FROM audit_head");
                rs.next();
                return rs.getLong(1);
            });
            assertThat(seq).isZero();
        }
    }

    private static long countRows(Database db, String table) throws SQLException {
        return db.inTransaction(c -> {
            ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table);
            rs.next();
            return rs.getLong(1);
        });
    }
}
