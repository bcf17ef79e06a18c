package org.dragongate.store;

import java.nio.file.Path;

/**
 * Where the tracking database is: by default an H2 file under the data folder, or PostgreSQL by
 * URL, shared by every gateway instance.
 *
 * @param schema the schema to keep the tables in, or null for the database's default
 */
public record DatabaseSettings(String url, String user, String password, String schema, int poolSize) {
    public static final int DEFAULT_POOL_SIZE = 8;

    /**
     * The embedded default. AUTO_SERVER lets the CLI ({@code audit verify}, {@code trace}) read the
     * file while the gateway has it open. WRITE_DELAY=0 writes each commit to the file before the
     * commit returns: H2's default keeps up to half a second of commits in memory, which a killed
     * process loses although the queue already holds messages that depend on them. QUERY_CACHE_SIZE:
     * the stores use a few dozen statements per connection, and H2 parsed most of them again at each
     * use with its default of 8 (a tenth of the database's CPU in the end-to-end benchmark).
     */
    public static DatabaseSettings embedded(Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("db").resolve("dragongate").toString();
        return new DatabaseSettings("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;QUERY_CACHE_SIZE=64", "dragongate", "", null,
                DEFAULT_POOL_SIZE);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        // Never the password.
        return url.replaceAll("(?i)password=[^&;]*", "password=***") + (schema == null ? "" : " schema " + schema);
    }
}
