package org.dragongate.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.dragongate.api.AdminTokenException.Problem;
import org.dragongate.crypto.Digests;
import org.dragongate.store.AuditEvent;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.Sql;

/**
 * The admin tokens of the REST API, in the database: created (the token is shown once), listed,
 * revoked, and checked on every request. Only the SHA-256 of a token is stored.
 *
 * <p>Why a plain SHA-256 and not a password hash (bcrypt, PBKDF2): a token is 32 bytes from a
 * {@link SecureRandom}, so there is nothing to guess from a stolen hash; a slow hash defends a
 * low-entropy secret such as a password and would only slow every API request down.
 */
public final class AdminTokens {
    /** Marks the text as a Dragongate admin token (secret scanners and people recognise it). */
    static final String PREFIX = "dg_";
    private static final int TOKEN_BYTES = 32;
    /** "dg_" and 32 bytes in unpadded base64url. */
    private static final int TOKEN_LENGTH = PREFIX.length() + 43;
    /** Finer would write to the database on every request; an administrator needs "used today", not the second. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final String COLUMNS = "name, role, created_at, created_by, revoked_at, last_used_at";

    /** A token as the database holds it (without its hash). */
    public record AdminToken(String name, ApiRole role, Instant createdAt, String createdBy, Instant revokedAt, Instant lastUsedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A token just made: {@code secret} is the only copy of the token there will ever be. */
    public record IssuedToken(AdminToken token, String secret) {
        @Override
        public String toString() {
            return "IssuedToken[" + token.name() + "]"; // never the secret, should one end up in a log
        }
    }

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;
    private final SecureRandom random;

    public AdminTokens(Database db, AuditTrail trail, Clock clock) {
        this(db, trail, clock, new SecureRandom());
    }

    AdminTokens(Database db, AuditTrail trail, Clock clock, SecureRandom random) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
        this.random = random;
    }

    /** @throws AdminTokenException INVALID_INPUT (name), TOKEN_EXISTS (also when that name was revoked: names are not reused) */
    public IssuedToken create(String name, ApiRole role, String actor) throws SQLException {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new AdminTokenException(Problem.INVALID_INPUT, "token name '" + name
                    + "' must be 1 to 64 lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return db.inTransaction(c -> {
            if (Sql.exists(c, "SELECT 1 FROM api_token WHERE name = ?", name)) {
                throw new AdminTokenException(Problem.TOKEN_EXISTS, "a token named " + name
                        + " exists already (revoked tokens keep their name, since the audit trail names them); choose another name");
            }
            Sql.update(c, "INSERT INTO api_token (name, role, token_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)", name, role.name(),
                    hash(secret), Sql.micros(clock.instant()), Sql.cut(actor, 128));
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, subject(name), "admin token " + name + " created with role " + role.word());
            return new IssuedToken(find(c, name), secret);
        });
    }

    /** Every token, revoked ones too, by name. */
    public List<AdminToken> list() throws SQLException {
        return db.inTransaction(c -> select(c, " ORDER BY name"));
    }

    /** The token is refused from now on, by every gateway instance (they check the database on each request). */
    public AdminToken revoke(String name, String actor) throws SQLException {
        return db.inTransaction(c -> {
            AdminToken token = find(c, name);
            if (token.revoked()) {
                throw new AdminTokenException(Problem.ALREADY_REVOKED, "token " + name + " was already revoked on " + token.revokedAt());
            }
            Sql.update(c, "UPDATE api_token SET revoked_at = ? WHERE name = ?", clock.instant(), name);
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, subject(name), "admin token " + name + " (" + token.role().word() + ") revoked");
            return find(c, name);
        });
    }

    /**
     * Who holds this token, when it is one of ours and not revoked. Anything else, including text
     * that is not shaped like a token, gives empty, and never says which.
     */
    public Optional<ApiCaller> authenticate(String presented) throws SQLException {
        if (presented == null || presented.length() != TOKEN_LENGTH || !presented.startsWith(PREFIX)
                || !presented.substring(PREFIX.length()).matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        String presentedHash = hash(presented);
        Instant now = Sql.micros(clock.instant());
        return db.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT name, role, token_hash FROM api_token WHERE token_hash = ? AND revoked_at IS NULL")) {
                select.setString(1, presentedHash);
                try (ResultSet rs = select.executeQuery()) {
                    // The lookup is by the hash of what was presented, which a caller cannot steer byte by byte; the
                    // comparison of the stored hash is constant-time all the same, so no timing says how close a guess came.
                    if (!rs.next() || !MessageDigest.isEqual(presentedHash.getBytes(StandardCharsets.US_ASCII),
                            rs.getString(3).getBytes(StandardCharsets.US_ASCII))) {
                        return Optional.empty();
                    }
                    String name = rs.getString(1);
                    Sql.update(c, "UPDATE api_token SET last_used_at = ? WHERE name = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
                            now, name, now.minus(LAST_USED_PRECISION));
                    return Optional.of(new ApiCaller(name, ApiRole.valueOf(rs.getString(2))));
                }
            }
        });
    }

    static String subject(String name) {
        return "admin-token:" + name;
    }

    private static AdminToken find(Connection c, String name) throws SQLException {
        List<AdminToken> found = select(c, " WHERE name = ?", name);
        if (found.isEmpty()) {
            throw new AdminTokenException(Problem.UNKNOWN_TOKEN, "no admin token is named " + name + " ('admin-token list' shows them)");
        }
        return found.get(0);
    }

    private static List<AdminToken> select(Connection c, String where, Object... values) throws SQLException {
        List<AdminToken> tokens = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM api_token" + where)) {
            Sql.bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    tokens.add(new AdminToken(rs.getString(1), ApiRole.valueOf(rs.getString(2)), Sql.instant(rs, 3), rs.getString(4),
                            Sql.instant(rs, 5), Sql.instant(rs, 6)));
                }
            }
        }
        return tokens;
    }

    static String hash(String token) {
        return Digests.sha256Hex(token.getBytes(StandardCharsets.US_ASCII));
    }
}
