package org.dragongate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.dragongate.api.AdminTokens;
import org.dragongate.api.ApiCaller;
import org.dragongate.api.ApiRole;
import org.dragongate.store.AuditChain;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;
import org.dragongate.store.GatewayInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin-token} as an administrator runs it: the token printed once, alone on stdout; listed without it; revoked. */
class AdminTokenCommandTest {
    @TempDir
    Path dataDir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void gatewayDatabase() {
        Database.open(DatabaseSettings.embedded(dataDir)).close();
    }

    @Test
    void createPrintsOnlyTheTokenOnStdoutAndItAuthenticates() throws Exception {
        assertThat(run("admin-token", "create", "--name", "alice", "--role", "auditor")).as(err.toString()).isZero();
        String token = out.toString().strip();

        assertThat(token).startsWith("dg_").hasSize(46);
        assertThat(err.toString()).startsWith("CREATED token alice (auditor)").doesNotContain(token);
        try (Database db = Database.open(DatabaseSettings.embedded(dataDir))) {
            assertThat(new AdminTokens(db, new AuditTrail(Clock.systemUTC()), Clock.systemUTC()).authenticate(token))
                    .contains(new ApiCaller("alice", ApiRole.AUDITOR));
            assertThat(new AuditChain(db).latest("admin-token:alice", 5)).singleElement()
                    .satisfies(record -> assertThat(record.actor()).isEqualTo(GatewayInstance.administrator()));
        }
        assertThat(run("admin-token", "list")).isZero();
        assertThat(out.toString()).startsWith("alice").contains("auditor").contains("ACTIVE").contains("last used 20")
                .doesNotContain(token.substring(3));
    }

    @Test
    void revokedTokensAreListedAsRevokedAndAnUnknownNameIsOneLineExitOne() {
        assertThat(run("admin-token", "create", "--name", "bob", "--role", "admin")).isZero();
        assertThat(run("admin-token", "revoke", "bob")).isZero();
        assertThat(out.toString()).startsWith("REVOKED bob").contains("admin").contains("REVOKED created").contains("last used never, revoked 20");

        assertThat(run("admin-token", "revoke", "nobody")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ERROR: no admin token is named nobody ('admin-token list' shows them)" + System.lineSeparator());
        assertThat(run("admin-token", "create", "--name", "carol", "--role", "root")).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR: role 'root' must be admin or auditor");
    }

    private int run(String... args) {
        CliRun run = CliRun.against(dataDir, args);
        out = new StringWriter().append(run.out());
        err = new StringWriter().append(run.err());
        return run.exit();
    }
}
