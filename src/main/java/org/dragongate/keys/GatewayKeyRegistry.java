package org.dragongate.keys;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dragongate.crypto.Certificates;
import org.dragongate.crypto.GatewayKeys;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.keys.GatewayKeyException.Problem;
import org.dragongate.store.AuditEvent;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.Sql;

/**
 * The gateway's own keys in the database: decryption keys (several active during a rollover, so
 * packages sealed for the old and the new certificate both open) and signing keys (the most recently
 * activated active one signs deliveries and receipts). A key is generated or imported PENDING, made
 * ACTIVE, and RETIRED at the end of its rollover; the last active key of a purpose cannot be retired.
 * Each change is one transaction with its {@link AuditEvent#ADMIN_ACTION} record naming who made it.
 *
 * <p>Private keys are stored only inside a PKCS#12 encrypted with the key password the gateway gets
 * from its environment ({@code gateway.key-password}); listing and exporting certificates need no password.
 */
public final class GatewayKeyRegistry {
    /** The audit subject of every key change. */
    public static final String SUBJECT = "gateway-keys";
    private static final String COLUMNS = "sha256, purpose, status, algorithm, subject, issuer, serial, not_before, not_after, source,"
            + " created_at, activated_at, retired_at, retired_reason";
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;
    private static final int DIGITAL_SIGNATURE = 0;

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;
    private final char[] keyPassword;

    /** @param keyPassword encrypts the keys at rest; null for a registry that only lists, activates, retires and exports */
    public GatewayKeyRegistry(Database db, AuditTrail trail, Clock clock, char[] keyPassword) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
        this.keyPassword = keyPassword == null ? null : keyPassword.clone();
    }

    /**
     * Generates a key pair and a self-signed certificate, stored PENDING; activate it once partners
     * (decryption) or contact points (signing) have its certificate.
     *
     * @param algorithm {@code rsa} (RSA 3072) or {@code ec} (EC P-256)
     */
    public GatewayKeyRecord generate(KeyPurpose purpose, String algorithm, String commonName, Duration validity, String actor)
            throws SQLException {
        if (commonName == null || commonName.isBlank() || commonName.length() > 200) {
            throw new GatewayKeyException(Problem.INVALID_INPUT, "give the certificate's common name (1 to 200 characters)");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new GatewayKeyException(Problem.INVALID_INPUT, "the certificate's validity must be positive");
        }
        KeyMaterial key = new KeyGenerator().generate(purpose, KeyGenerator.Algorithm.of(algorithm), commonName.strip(), clock.instant(), validity);
        return db.inTransaction(c -> add(c, purpose, key, "generated", GatewayKeyRecord.PENDING, actor));
    }

    /**
     * Imports a key and its certificate from a PKCS#12 file, stored PENDING.
     *
     * @throws GatewayKeyException WRONG_PASSWORD, NOT_A_KEY, PRIVATE_KEY_MISSING, UNSUITABLE_KEY, EXPIRED, DUPLICATE
     */
    public GatewayKeyRecord importKey(KeyPurpose purpose, byte[] pkcs12, String source, char[] password, String actor) throws SQLException {
        if (password == null) {
            throw new GatewayKeyException(Problem.PASSWORD_REQUIRED, source + " is a PKCS#12 file: give its password (--password-env VAR)");
        }
        KeyMaterial key = KeyStores.open(pkcs12, password, source);
        return db.inTransaction(c -> add(c, purpose, key, "imported from " + source, GatewayKeyRecord.PENDING, actor));
    }

    /** Inside the caller's transaction: stores the key, encrypted, in {@code status}. */
    GatewayKeyRecord add(Connection c, KeyPurpose purpose, KeyMaterial key, String source, String status, String actor) throws SQLException {
        X509Certificate certificate = key.certificate();
        checkSuitable(purpose, certificate);
        Instant now = Sql.micros(clock.instant());
        if (!now.isBefore(certificate.getNotAfter().toInstant())) {
            throw new GatewayKeyException(Problem.EXPIRED, "the certificate " + Certificates.describe(certificate) + " expired on "
                    + certificate.getNotAfter().toInstant() + "; give a current key");
        }
        String sha256 = Certificates.fingerprint(certificate);
        List<GatewayKeyRecord> existing = select(c, " WHERE sha256 = ?", sha256);
        if (!existing.isEmpty()) {
            throw new GatewayKeyException(Problem.DUPLICATE, existing.get(0).describe() + " is already registered");
        }
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new GatewayKeyException(Problem.NOT_A_KEY, "the certificate " + Certificates.describe(certificate) + " cannot be encoded");
        }
        Sql.update(c, "INSERT INTO gateway_key (" + COLUMNS + ", certificate, key_store) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                sha256, purpose.name(), status, KeyStores.algorithm(certificate.getPublicKey()),
                Sql.cut(certificate.getSubjectX500Principal().getName(), 1024), Sql.cut(certificate.getIssuerX500Principal().getName(), 1024),
                certificate.getSerialNumber().toString(16), certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                Sql.cut(source, 1000), now, GatewayKeyRecord.ACTIVE.equals(status) ? now : null, null, null, der,
                KeyStores.seal(key, requirePassword()));
        GatewayKeyRecord record = select(c, " WHERE sha256 = ?", sha256).get(0);
        trail.append(c, actor, AuditEvent.ADMIN_ACTION, SUBJECT, record.describe() + " " + source + ": sha256 " + sha256 + ", issuer '"
                + record.issuer() + "', valid " + record.notBefore() + " to " + record.notAfter());
        return record;
    }

    public List<GatewayKeyRecord> list() throws SQLException {
        return db.inTransaction(c -> select(c, " ORDER BY purpose, created_at, sha256"));
    }

    /** @param fingerprint the SHA-256 of its certificate, or a unique prefix of at least 8 hex digits */
    public GatewayKeyRecord show(String fingerprint) throws SQLException {
        return db.inTransaction(c -> one(c, fingerprint));
    }

    /** The key's certificate (public): what partners encrypt for, or what contact points verify the gateway's signature with. */
    public X509Certificate certificate(String fingerprint) throws SQLException {
        return db.inTransaction(c -> {
            GatewayKeyRecord record = one(c, fingerprint);
            try (PreparedStatement select = c.prepareStatement("SELECT certificate FROM gateway_key WHERE sha256 = ?")) {
                select.setString(1, record.sha256());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return decode(rs.getBytes(1));
                }
            }
        });
    }

    /**
     * A pending key starts working: a decryption key opens packages sealed for it (beside the others), a
     * signing key signs from now on (the others stop signing). The gateway sees it at its next refresh.
     *
     * @throws GatewayKeyException WRONG_STATE (not pending), EXPIRED
     */
    public GatewayKeyRecord activate(String fingerprint, String actor) throws SQLException {
        return db.inTransaction(c -> {
            GatewayKeyRecord record = one(c, fingerprint);
            if (!GatewayKeyRecord.PENDING.equals(record.status())) {
                throw new GatewayKeyException(Problem.WRONG_STATE, record.describe() + " is not pending; only a pending key is activated");
            }
            Instant now = Sql.micros(clock.instant());
            if (!now.isBefore(record.notAfter())) {
                throw new GatewayKeyException(Problem.EXPIRED, record.describe() + " expired on " + record.notAfter() + "; generate or import a current one");
            }
            Sql.update(c, "UPDATE gateway_key SET status = ?, activated_at = ? WHERE sha256 = ?", GatewayKeyRecord.ACTIVE, now, record.sha256());
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, SUBJECT, record.describe() + " activated"
                    + (record.purpose() == KeyPurpose.SIGNING ? ": it signs deliveries and receipts from now on" : ": it opens packages sealed for it"));
            return one(c, record.sha256());
        });
    }

    /**
     * Ends a key's use: a retired decryption key opens nothing more (packages sealed for it are refused
     * with a reason that names it); a retired signing key signs nothing more. A pending key may be retired
     * too (never used).
     *
     * @throws GatewayKeyException WRONG_STATE (already retired), LAST_ACTIVE_KEY (the gateway would be left without one)
     */
    public GatewayKeyRecord retire(String fingerprint, String reason, String actor) throws SQLException {
        return db.inTransaction(c -> {
            GatewayKeyRecord record = one(c, fingerprint);
            if (GatewayKeyRecord.RETIRED.equals(record.status())) {
                throw new GatewayKeyException(Problem.WRONG_STATE, record.describe() + " was already retired on " + record.retiredAt());
            }
            if (GatewayKeyRecord.ACTIVE.equals(record.status()) && activeCount(c, record.purpose()) == 1) {
                throw new GatewayKeyException(Problem.LAST_ACTIVE_KEY, record.describe() + " is the gateway's last active " + record.purpose().word()
                        + " key; activate its successor first ('gateway-key generate' or 'import', then 'activate')");
            }
            String why = Sql.reason(reason);
            Sql.update(c, "UPDATE gateway_key SET status = ?, retired_at = ?, retired_reason = ? WHERE sha256 = ?", GatewayKeyRecord.RETIRED,
                    Sql.micros(clock.instant()), why, record.sha256());
            trail.append(c, actor, AuditEvent.ADMIN_ACTION, SUBJECT, record.describe() + " retired" + (why == null ? "" : ": " + why));
            return one(c, record.sha256());
        });
    }

    public boolean isEmpty() throws SQLException {
        return db.inTransaction(c -> !Sql.exists(c, "SELECT 1 FROM gateway_key"));
    }

    /**
     * The keys the gateway works with now: every active decryption key, newest activation first; the
     * certificates of retired decryption keys; and the most recently activated signing key.
     *
     * @throws GatewayKeyException UNREADABLE_KEY_STORE (the key password does not open a stored key), LAST_ACTIVE_KEY (none active)
     */
    public Keyring load() throws SQLException {
        char[] password = requirePassword();
        return db.inTransaction(c -> {
            List<KeyMaterial> decryption = new ArrayList<>();
            List<GatewayKeys.Retired> retired = new ArrayList<>();
            KeyMaterial signing = null;
            try (PreparedStatement select = c.prepareStatement("SELECT sha256, purpose, status, key_store, certificate, retired_at FROM gateway_key"
                    + " WHERE status <> ? ORDER BY activated_at DESC, created_at DESC, sha256")) {
                select.setString(1, GatewayKeyRecord.PENDING);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        KeyPurpose purpose = KeyPurpose.valueOf(rs.getString(2));
                        if (GatewayKeyRecord.RETIRED.equals(rs.getString(3))) {
                            if (purpose == KeyPurpose.DECRYPTION) {
                                retired.add(new GatewayKeys.Retired(decode(rs.getBytes(5)), Sql.instant(rs, 6)));
                            }
                            continue;
                        }
                        if (purpose == KeyPurpose.SIGNING && signing != null) {
                            continue; // an older active signing key: only the newest signs
                        }
                        KeyMaterial key = stored(rs.getBytes(4), password, rs.getString(1));
                        if (purpose == KeyPurpose.SIGNING) {
                            signing = key;
                        } else {
                            decryption.add(key);
                        }
                    }
                }
            }
            if (decryption.isEmpty() || signing == null) {
                throw new GatewayKeyException(Problem.LAST_ACTIVE_KEY, "the gateway has no active " + (decryption.isEmpty() ? "decryption" : "signing")
                        + " key in its database; generate or import one and activate it ('gateway-key')");
            }
            return new Keyring(new GatewayKeys(decryption, retired), signing);
        });
    }

    private static KeyMaterial stored(byte[] keyStore, char[] password, String sha256) {
        try {
            return KeyStores.open(keyStore, password, "the stored key " + sha256.substring(0, 16));
        } catch (GatewayKeyException e) {
            throw new GatewayKeyException(Problem.UNREADABLE_KEY_STORE, "the key password (gateway.key-password) does not open the stored gateway key "
                    + sha256.substring(0, 16) + ": " + e.getMessage());
        }
    }

    /** A decryption key's certificate must allow key encipherment (RSA) or key agreement (EC); a signing key's, digital signature. */
    private static void checkSuitable(KeyPurpose purpose, X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        if (certificate.getBasicConstraints() != -1) {
            throw new GatewayKeyException(Problem.UNSUITABLE_KEY, "the certificate " + Certificates.describe(certificate)
                    + " is a CA certificate; give the gateway's own end-entity key");
        }
        boolean fits = usage == null || (purpose == KeyPurpose.SIGNING ? usage[DIGITAL_SIGNATURE]
                : usage[KEY_ENCIPHERMENT] || usage.length > KEY_AGREEMENT && usage[KEY_AGREEMENT]);
        if (!fits) {
            throw new GatewayKeyException(Problem.UNSUITABLE_KEY, "the certificate " + Certificates.describe(certificate) + " cannot serve as a "
                    + purpose.word() + " key: its key usage lacks " + (purpose == KeyPurpose.SIGNING ? "digitalSignature" : "keyEncipherment or keyAgreement"));
        }
    }

    private int activeCount(Connection c, KeyPurpose purpose) throws SQLException {
        return select(c, " WHERE purpose = ? AND status = ?", purpose.name(), GatewayKeyRecord.ACTIVE).size();
    }

    private char[] requirePassword() {
        if (keyPassword == null || keyPassword.length == 0) {
            throw new GatewayKeyException(Problem.PASSWORD_REQUIRED, "the gateway's key password is needed to store or read keys: "
                    + "set GATEWAY_KEY_PASSWORD (the gateway's gateway.key-password)");
        }
        return keyPassword;
    }

    private static GatewayKeyRecord one(Connection c, String fingerprint) throws SQLException {
        String prefix = Certificates.fingerprintPrefix(fingerprint).orElseThrow(() -> new GatewayKeyException(Problem.INVALID_INPUT, "'"
                + fingerprint + "' is not a SHA-256 fingerprint or a prefix of at least " + Certificates.MIN_FINGERPRINT_PREFIX
                + " hex digits ('gateway-key list' shows them)"));
        List<GatewayKeyRecord> found = select(c, " WHERE sha256 LIKE ?", prefix + "%");
        if (found.isEmpty()) {
            throw new GatewayKeyException(Problem.UNKNOWN_KEY, "the gateway has no key " + prefix + " ('gateway-key list' shows them)");
        }
        if (found.size() > 1) {
            throw new GatewayKeyException(Problem.AMBIGUOUS_KEY, "several gateway keys start with " + prefix + "; give more of the fingerprint");
        }
        return found.get(0);
    }

    private static List<GatewayKeyRecord> select(Connection c, String where, Object... values) throws SQLException {
        List<GatewayKeyRecord> records = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM gateway_key" + where)) {
            Sql.bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    records.add(new GatewayKeyRecord(rs.getString(1), KeyPurpose.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), Sql.instant(rs, 8), Sql.instant(rs, 9), rs.getString(10),
                            Sql.instant(rs, 11), Sql.instant(rs, 12), Sql.instant(rs, 13), rs.getString(14)));
                }
            }
        }
        return records;
    }

    private static X509Certificate decode(byte[] der) throws SQLException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new SQLException("a stored gateway certificate does not decode: " + e.getMessage(), e);
        }
    }
}
