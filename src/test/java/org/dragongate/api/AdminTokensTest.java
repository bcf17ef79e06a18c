package org.dragongate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.dragongate.api.AdminTokenException.Problem;
import org.dragongate.api.AdminTokens.IssuedToken;
import org.dragongate.store.AuditChain;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.AuditTrail.AuditRecord;
import org.dragongate.store.Database;
import org.dragongate.testing.FakeTime;
import org.dragongate.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The admin tokens on each database: stored hashed, refused once revoked, every change audited. */
class AdminTokensTest {
    private static final String ADMIN = "admin alice@console";

    @TempDir
    Path temp;

    private final FakeTime clock = new FakeTime();

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void authenticatesTheIssuedTokenAsItsHolderAndRole(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            AdminTokens tokens = tokens(db);
            IssuedToken alice = tokens.create("alice", ApiRole.ADMIN, ADMIN);
            IssuedToken bob = tokens.create("bob", ApiRole.AUDITOR, ADMIN);

            assertThat(alice.secret()).startsWith("dg_").hasSize(46).isNotEqualTo(bob.secret());
            assertThat(tokens.authenticate(alice.secret())).contains(new ApiCaller("alice", ApiRole.ADMIN));
            assertThat(tokens.authenticate(bob.secret())).contains(new ApiCaller("bob", ApiRole.AUDITOR));
            assertThat(new ApiCaller("alice", ApiRole.ADMIN).actor()).isEqualTo("api:alice");
        }
    }

    /** A copy of the database (a backup, a read-only user) must not give anyone a usable token. */
    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void storesOnlyTheSha256OfTheToken(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            IssuedToken alice = tokens(db).create("alice", ApiRole.ADMIN, ADMIN);
            List<String> stored = db.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT * FROM api_token")) {
                    rs.next();
                    List<String> values = new java.util.ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        values.add(String.valueOf(rs.getObject(i)));
                    }
                    return values;
                }
            });
            String secretPart = alice.secret().substring(3);
            assertThat(stored).noneMatch(value -> value.contains(secretPart))
                    .contains(AdminTokens.hash(alice.secret()));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void refusesUnknownGarbledAndRevokedTokensAlike(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            AdminTokens tokens = tokens(db);
            IssuedToken alice = tokens.create("alice", ApiRole.ADMIN, ADMIN);
            String flipped = alice.secret().substring(0, 45) + (alice.secret().endsWith("A") ? "B" : "A");

            assertThat(tokens.authenticate(flipped)).isEmpty();
            assertThat(tokens.authenticate(alice.secret().substring(3))).isEmpty();
            assertThat(tokens.authenticate(alice.secret() + "x")).isEmpty();
            assertThat(tokens.authenticate("dg_" + "!".repeat(43))).isEmpty();
            assertThat(tokens.authenticate(null)).isEmpty();

            AdminTokens.AdminToken revoked = tokens.revoke("alice", ADMIN);
            assertThat(revoked.revokedAt()).isEqualTo(clock.instant());
            assertThat(tokens.authenticate(alice.secret())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void refusesBadNamesDuplicatesAndUnknownOrRepeatedRevocations(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            AdminTokens tokens = tokens(db);
            tokens.create("alice", ApiRole.ADMIN, ADMIN);
            assertProblem(() -> tokens.create("Alice Smith", ApiRole.ADMIN, ADMIN), Problem.INVALID_INPUT);
            assertProblem(() -> tokens.create("alice", ApiRole.AUDITOR, ADMIN), Problem.TOKEN_EXISTS);
            assertProblem(() -> tokens.revoke("nobody", ADMIN), Problem.UNKNOWN_TOKEN);
            tokens.revoke("alice", ADMIN);
            assertProblem(() -> tokens.revoke("alice", ADMIN), Problem.ALREADY_REVOKED);
            // The name stays taken: the audit trail's api:alice must always mean the same holder.
            assertProblem(() -> tokens.create("alice", ApiRole.ADMIN, ADMIN), Problem.TOKEN_EXISTS);
            assertThatThrownBy(() -> ApiRole.of("root")).isInstanceOf(AdminTokenException.class).hasMessageContaining("admin or auditor");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void recordsTheLastUseAtMostOnceAMinute(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            AdminTokens tokens = tokens(db);
            IssuedToken alice = tokens.create("alice", ApiRole.ADMIN, ADMIN);
            assertThat(tokens.list().get(0).lastUsedAt()).isNull();

            var first = clock.instant();
            tokens.authenticate(alice.secret());
            clock.set(first.plusSeconds(59));
            tokens.authenticate(alice.secret());
            assertThat(tokens.list().get(0).lastUsedAt()).isEqualTo(first);

            clock.set(first.plus(Duration.ofSeconds(61)));
            tokens.authenticate(alice.secret());
            assertThat(tokens.list().get(0).lastUsedAt()).isEqualTo(first.plusSeconds(61));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.KINDS)
    void auditsCreationAndRevocationWithTheAdministrator(String kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, temp)) {
            AdminTokens tokens = tokens(db);
            IssuedToken alice = tokens.create("alice", ApiRole.AUDITOR, ADMIN);
            tokens.revoke("alice", "admin bob@host");

            List<AuditRecord> audit = new AuditChain(db).latest(AdminTokens.subject("alice"), 10);
            assertThat(audit).extracting(AuditRecord::actor).containsExactly(ADMIN, "admin bob@host");
            assertThat(audit).extracting(AuditRecord::detail)
                    .containsExactly("admin token alice created with role auditor", "admin token alice (auditor) revoked");
            assertThat(audit).noneMatch(record -> record.detail().contains(alice.secret().substring(3)));
            assertThat(new AuditChain(db).verify().intact()).isTrue();
        }
    }

    private AdminTokens tokens(Database db) {
        return new AdminTokens(db, new AuditTrail(clock), clock);
    }

    private static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Problem problem) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AdminTokenException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
