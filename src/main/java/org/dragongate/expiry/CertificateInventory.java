package org.dragongate.expiry;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the expiry watch finds certificates: one source per kind of owner (partners, contact points,
 * the gateway's own keys). Each source is small so that one backed by a file today can be replaced by
 * one backed by the database without touching the watch.
 */
@FunctionalInterface
public interface CertificateInventory {
    /** The certificates as the source holds them now. */
    List<WatchedCertificate> certificates() throws SQLException;

    /** Every source's certificates, in the order of the sources. */
    static CertificateInventory of(CertificateInventory... sources) {
        List<CertificateInventory> all = List.of(sources);
        return () -> {
            List<WatchedCertificate> certificates = new ArrayList<>();
            for (CertificateInventory source : all) {
                certificates.addAll(source.certificates());
            }
            return certificates;
        };
    }
}
