package org.dragongate.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.directory.FirstStart;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's first start: imports its key files ({@code gateway.keys}, {@code gateway.signing-key};
 * PKCS#12 or PEM, opened with {@code gateway.key-password}) into the database as ACTIVE keys, while the
 * database holds none. Afterwards the files are not read again: the keys are administered with the
 * {@code gateway-key} commands.
 */
public final class GatewayKeyBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayKeyBootstrap.class);

    private final Database db;
    private final GatewayKeyRegistry registry;
    private final char[] password;

    /** @param password opens the files and encrypts the keys at rest: the gateway's key password */
    public GatewayKeyBootstrap(Database db, AuditTrail trail, Clock clock, char[] password) {
        this.db = db;
        this.registry = new GatewayKeyRegistry(db, trail, clock, password);
        this.password = password.clone();
    }

    /**
     * @return the keys imported; empty when the database already had keys
     * @throws IOException a key file cannot be read or opened
     */
    public Optional<List<GatewayKeyRecord>> importIfEmpty(List<Path> decryptionKeys, Path signingKey) throws IOException, SQLException {
        if (!registry.isEmpty()) {
            return Optional.empty();
        }
        List<KeyMaterial> decryption = new ArrayList<>();
        for (Path file : decryptionKeys) {
            decryption.add(load(file));
        }
        KeyMaterial signing = load(signingKey);
        Optional<List<GatewayKeyRecord>> imported = FirstStart.importIfEmpty(db, "gateway_key", "the gateway keys", c -> {
            List<GatewayKeyRecord> records = new ArrayList<>();
            for (int i = 0; i < decryption.size(); i++) {
                records.add(registry.add(c, KeyPurpose.DECRYPTION, decryption.get(i), "imported from " + decryptionKeys.get(i),
                        GatewayKeyRecord.ACTIVE, FirstStart.ACTOR));
            }
            records.add(registry.add(c, KeyPurpose.SIGNING, signing, "imported from " + signingKey, GatewayKeyRecord.ACTIVE, FirstStart.ACTOR));
            return records;
        });
        imported.ifPresent(records -> LOG.info("gateway keys imported into the database: {} decryption, 1 signing", decryption.size()));
        return imported;
    }

    private KeyMaterial load(Path file) throws IOException {
        try {
            return KeyFiles.load(file, password, null);
        } catch (IOException e) {
            throw new IOException("cannot load gateway key " + file + ": " + e.getMessage(), e);
        }
    }
}
