package org.dragongate.expiry;

import java.sql.SQLException;
import java.util.List;
import org.dragongate.keys.GatewayKeyRecord;
import org.dragongate.keys.GatewayKeyRegistry;

/**
 * The gateway's own certificates, from its keys in the database: each decryption key's (partners encrypt
 * for them) and each signing key's (contact points and partners verify with it), pending ones included,
 * since a key about to be activated must not expire unnoticed. A retired key is left out: nothing uses it.
 * Only the key's own certificate is watched, not a CA above it.
 */
public final class GatewayCertificateInventory implements CertificateInventory {
    static final String OWNER = "gateway";

    private final GatewayKeyRegistry registry;

    public GatewayCertificateInventory(GatewayKeyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<WatchedCertificate> certificates() throws SQLException {
        return registry.list().stream()
                .filter(key -> !GatewayKeyRecord.RETIRED.equals(key.status()))
                .map(key -> new WatchedCertificate(OwnerKind.GATEWAY, OWNER, key.purpose().word() + " key (" + key.status().toLowerCase() + ")",
                        key.sha256(), key.subject(), key.notAfter()))
                .toList();
    }
}
