package org.dragongate.expiry;

import java.sql.SQLException;
import java.util.List;
import org.dragongate.directory.CertificateKind;
import org.dragongate.directory.CertificateRecord;
import org.dragongate.directory.PartnerRegistry;

/**
 * Partners' certificates from the partner directory in the database: trust anchors and pinned signers.
 * A revoked certificate is left out: it is no longer accepted, so its expiry changes nothing.
 */
public final class PartnerCertificateInventory implements CertificateInventory {
    private final PartnerRegistry registry;

    public PartnerCertificateInventory(PartnerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<WatchedCertificate> certificates() throws SQLException {
        return registry.certificates().list(null).stream()
                .filter(record -> CertificateRecord.ACTIVE.equals(record.status()))
                .map(record -> new WatchedCertificate(OwnerKind.PARTNER, record.partnerId(), record.kind() == CertificateKind.TRUST_ANCHOR ? "trust anchor" : "pinned signer", record.sha256(),
                        record.subject(), record.notAfter()))
                .toList();
    }
}
