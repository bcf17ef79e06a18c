package org.dragongate.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;

/**
 * The databases the store tests run against: always an H2 file database, and PostgreSQL when
 * {@code DRAGONGATE_TEST_POSTGRES_URL} names one (with {@code _USER} and {@code _PASSWORD}). CI sets
 * it; under CI a missing PostgreSQL is a failure, never a silent skip. Each database gets its own
 * fresh schema, so tests never see each other's rows.
 */
public final class TestDatabases {
    public static final String POSTGRES_URL = "DRAGONGATE_TEST_POSTGRES_URL";
    /** For {@code @MethodSource(TestDatabases.KINDS)}: a parameterized test runs once per database. */
    public static final String KINDS = "org.dragongate.testing.TestDatabases#kinds";

    private TestDatabases() {
    }

    /** "h2", and "postgresql" when one is configured. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of("h2"));
        if (System.getenv(POSTGRES_URL) != null) {
            kinds.add("postgresql");
        } else if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(POSTGRES_URL + " is not set: CI must run the store tests against PostgreSQL too");
        }
        return kinds;
    }

    public static DatabaseSettings settings(String kind, Path tempDir) {
        return switch (kind) {
            case "h2" -> DatabaseSettings.embedded(tempDir);
            case "postgresql" -> postgresSchema();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    public static Database open(String kind, Path tempDir) {
        return Database.open(settings(kind, tempDir));
    }

    private static DatabaseSettings postgresSchema() {
        String url = System.getenv(POSTGRES_URL);
        String user = System.getenv(POSTGRES_URL + "_USER");
        String password = System.getenv(POSTGRES_URL + "_PASSWORD");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
        return new DatabaseSettings(url, user, password, schema, 4);
    }
}
