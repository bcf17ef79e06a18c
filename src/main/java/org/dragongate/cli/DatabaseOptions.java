package org.dragongate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import picocli.CommandLine.Option;

/**
 * Where the commands that read the tracking database find it: the gateway's own settings
 * ({@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}, {@code DATABASE_SCHEMA}),
 * else the embedded H2 file under the data directory, opened as the gateway opens it. The password is only ever taken from the
 * environment, never from the command line, where other users could read it.
 */
public final class DatabaseOptions {
    /** Two connections: a command reads, it does not need the gateway's pool. */
    static final int POOL_SIZE = 2;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The gateway's data directory (default ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("data", "gateway");

    @Option(names = "--database-url", paramLabel = "JDBC-URL",
            description = "The tracking database (default: env DATABASE_URL, else the H2 file under the data directory).")
    String url;

    @Option(names = "--database-user", paramLabel = "USER", description = "Database user (default: env DATABASE_USER, else dragongate).")
    String user;

    @Option(names = "--database-schema", paramLabel = "SCHEMA",
            description = "Schema of the tables (default: env DATABASE_SCHEMA, else the database's default).")
    String schema;

    /** What a command reads from the database. */
    @FunctionalInterface
    public interface Reading<T> {
        T from(Database database) throws SQLException;
    }

    /** Opens the database; the caller closes it. */
    public Database open() {
        return Database.open(settings(System::getenv));
    }

    /** Opens the database, reads from it and closes it again. */
    public <T> T read(Reading<T> reading) throws SQLException {
        try (Database database = open()) {
            return reading.from(database);
        }
    }

    /** The settings from the options, then the environment, then the defaults. */
    DatabaseSettings settings(UnaryOperator<String> env) {
        String jdbcUrl = firstOf(url, env.apply("DATABASE_URL"));
        if (jdbcUrl == null) {
            return embedded();
        }
        return new DatabaseSettings(jdbcUrl, firstOf(user, env.apply("DATABASE_USER"), "dragongate"),
                firstOf(env.apply("DATABASE_PASSWORD"), ""), firstOf(schema, env.apply("DATABASE_SCHEMA")), POOL_SIZE);
    }

    /** The gateway's H2 file with the credentials the gateway made it with. */
    private DatabaseSettings embedded() {
        // Opening a missing H2 file would create an empty database, and an empty trail looks intact.
        Path file = dataDir.resolve("db").resolve("dragongate.mv.db");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no gateway database at " + file
                    + " (give the gateway's --data-dir, or --database-url / DATABASE_URL)");
        }
        DatabaseSettings embedded = DatabaseSettings.embedded(dataDir);
        return new DatabaseSettings(embedded.url(), embedded.user(), embedded.password(), null, POOL_SIZE);
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
