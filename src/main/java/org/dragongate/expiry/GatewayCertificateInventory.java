package org.dragongate.expiry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.KeyMaterial;

/**
 * The gateway's own certificates: each decryption key's (partners encrypt for them) and the signing
 * key's (contact points and partners verify with it). Only the key's own certificate is watched, not
 * the CA above it. Today the keys are the files named by {@code gateway.keys} and {@code gateway.signing-key},
 * and the file is the key's name.
 */
public final class GatewayCertificateInventory implements CertificateInventory {
    static final String DECRYPTION = "decryption";
    static final String SIGNING = "signing";

    /** One of the gateway's keys, by name. */
    public record GatewayKey(String name, String purpose, KeyMaterial key) {
        public static GatewayKey decryption(String name, KeyMaterial key) {
            return new GatewayKey(name, DECRYPTION, key);
        }

        public static GatewayKey signing(String name, KeyMaterial key) {
            return new GatewayKey(name, SIGNING, key);
        }
    }

    private final List<GatewayKey> keys;

    public GatewayCertificateInventory(List<GatewayKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The keys in the files the gateway is configured with, for a command that runs outside the gateway. */
    public static GatewayCertificateInventory load(List<Path> decryptionKeys, Path signingKey, char[] password) throws IOException {
        List<GatewayKey> keys = new ArrayList<>();
        for (Path file : decryptionKeys) {
            keys.add(GatewayKey.decryption(file.toString(), KeyFiles.load(file, password, null)));
        }
        keys.add(GatewayKey.signing(signingKey.toString(), KeyFiles.load(signingKey, password, null)));
        return new GatewayCertificateInventory(keys);
    }

    @Override
    public List<WatchedCertificate> certificates() {
        return keys.stream().map(key -> WatchedCertificate.of(OwnerKind.GATEWAY, key.name(), key.purpose(), key.key().certificate())).toList();
    }
}
