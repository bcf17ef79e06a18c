package org.dragongate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.dragongate.store.AuditEvent;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.AuditTrail.AuditRecord;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.testing.TrackingRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code audit} and {@code trace} as an administrator runs them against the gateway's H2 file. */
class AuditAndTraceCommandTest {
    private static final String ONE = TrackingRows.sha("deadbeef0", '1');
    private static final String TWO = TrackingRows.sha("deadbeef1", '2');

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private AuditRecord head;

    @BeforeEach
    void gatewayDatabase() throws SQLException {
        AuditTrail trail = new AuditTrail(Clock.systemUTC());
        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            head = db.inTransaction(c -> {
                Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
                new TrackingRows(c)
                        .pkg(ONE, "sftp", "CN-GACC", "inbox/CN-GACC/batch-1.p7m", t0, "ACCEPTED", "CN-GACC", null)
                        .notice("CN-GACC/REF-1/1", "CN-GACC", "REF-1", 1, ONE, null, t0.plusSeconds(5))
                        .delivery("CN-GACC/REF-1/1>CP-DE", "CN-GACC/REF-1/1", "CP-DE", "DELIVERED", 1, "HTTP 201", t0.plusSeconds(6))
                        .pkg(TWO, "mail", "CN-GACC", "partner@gacc.example", t0.plusSeconds(60), "ACCEPTED", "CN-GACC", null);
                trail.append(c, "gw-1", AuditEvent.RECEIVED, ONE, "sftp inbox/CN-GACC/batch-1.p7m");
                trail.append(c, "gw-1", AuditEvent.DELIVERED, "CN-GACC/REF-1/1>CP-DE", "HTTP 201");
                return trail.append(c, "gw-1", AuditEvent.RECEIVED, TWO, "mail");
            });
        }
    }

    @Test
    void verifyOfAnIntactTrailExitsZeroWithTheCountAndHead() {
        int exit = run("audit", "verify", "--data-dir", dataDir.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("audit trail intact: 3 records, head " + head.hash() + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    /** Scripts and monitoring tell a broken chain (3) from a failure to check it (1). */
    @Test
    void verifyOfATamperedTrailExitsThreeNamingTheRecord() throws SQLException {
        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE audit SET actor = 'someone else' WHERE seq = 2"));
        }

        int exit = run("audit", "verify", "--data-dir", dataDir.toString());

        assertThat(exit).isEqualTo(AuditCommand.EXIT_BROKEN);
        assertThat(err.toString()).startsWith("audit trail BROKEN at record 2: stored hash does not match its content");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void listShowsTheMostRecentRecordsAboutASubject() {
        int exit = run("audit", "list", "--data-dir", dataDir.toString(), "--subject", ONE, "--limit", "5");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("#1  ").contains("RECEIVED  by gw-1  on " + ONE).doesNotContain("#2").doesNotContain("#3");
    }

    @Test
    void listWithALimitShowsTheLatestRecords() {
        int exit = run("audit", "list", "--data-dir", dataDir.toString(), "--limit", "2");

        assertThat(exit).isZero();
        assertThat(out.toString()).doesNotContain("#1 ").contains("#2  ").contains("#3  ");
    }

    @Test
    void traceByNoticeIdPrintsThePackagesHistoryWithoutTheSealedBytes() {
        int exit = run("trace", "CN-GACC/REF-1/1", "--data-dir", dataDir.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("package " + ONE)
                .contains("over sftp").contains("notice        CN-GACC/REF-1/1").contains("to            CP-DE")
                .contains("DELIVERED after 1 attempt").contains("audit         2 records")
                .doesNotContain(TrackingRows.SEALED).doesNotContain(TWO);
    }

    @Test
    void traceByAReferenceOfSeveralPackagesSaysSoAndPrintsEach() throws SQLException {
        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            db.inTransaction(c -> new TrackingRows(c).notice("CN-GACC/REF-1/2", "CN-GACC", "REF-1", 2, TWO, "CN-GACC/REF-1/1",
                    Instant.parse("2026-03-01T10:01:05Z")));
        }

        int exit = run("trace", "REF-1", "--data-dir", dataDir.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("2 packages match 'REF-1', oldest first:")
                .contains("package " + ONE).contains("package " + TWO).contains("superseded by CN-GACC/REF-1/2");
        assertThat(out.toString().indexOf(ONE)).isLessThan(out.toString().indexOf("package " + TWO));
    }

    @Test
    void traceOfAnAmbiguousPrefixExitsTwoListingTheCandidates() {
        int exit = run("trace", "deadbeef", "--data-dir", dataDir.toString());

        assertThat(exit).isEqualTo(TraceCommand.EXIT_NO_MATCH);
        assertThat(err.toString()).contains("several packages").contains(ONE).contains(TWO);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void traceOfAnUnknownIdExitsTwoWithAClearMessage() {
        int exit = run("trace", "REF-404", "--data-dir", dataDir.toString());

        assertThat(exit).isEqualTo(TraceCommand.EXIT_NO_MATCH);
        assertThat(err.toString()).startsWith("nothing matches 'REF-404': no package sha256, notice id or partner reference matches");
    }

    /** Opening a missing H2 file would create an empty, "intact" trail: a wrong --data-dir must not pass. */
    @Test
    void aDataDirWithoutADatabaseIsAnErrorNotAnEmptyTrail(@TempDir Path elsewhere) {
        int exit = run("audit", "verify", "--data-dir", elsewhere.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: no gateway database at " + elsewhere.resolve("db"));
        assertThat(elsewhere.resolve("db")).doesNotExist();
    }

    @Test
    void databaseSettingsComeFromOptionsThenEnvironmentWithThePasswordOnlyFromTheEnvironment() {
        Map<String, String> env = Map.of("DATABASE_URL", "jdbc:postgresql://db.example/gw", "DATABASE_USER", "gw",
                "DATABASE_PASSWORD", "secret", "DATABASE_SCHEMA", "tracking");
        DatabaseOptions options = new DatabaseOptions();

        DatabaseSettings fromEnv = options.settings(env::get);
        options.url = "jdbc:postgresql://other.example/gw";
        options.user = "admin";
        DatabaseSettings fromOptions = options.settings(env::get);

        assertThat(fromEnv).isEqualTo(new DatabaseSettings("jdbc:postgresql://db.example/gw", "gw", "secret", "tracking",
                DatabaseOptions.POOL_SIZE));
        assertThat(fromOptions).isEqualTo(new DatabaseSettings("jdbc:postgresql://other.example/gw", "admin", "secret", "tracking",
                DatabaseOptions.POOL_SIZE));
    }

    @Test
    void withoutAUrlTheGatewaysEmbeddedFileIsUsed() {
        DatabaseOptions options = new DatabaseOptions();
        options.dataDir = dataDir;

        DatabaseSettings settings = options.settings(name -> null);

        assertThat(settings.url()).isEqualTo(DatabaseSettings.embedded(dataDir).url());
        assertThat(settings.user()).isEqualTo("dragongate");
    }

    private int run(String... args) {
        CommandLine cli = DragongateCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return exit;
    }
}
