package org.dragongate.expiry;

import java.sql.SQLException;
import java.util.List;
import org.dragongate.directory.CertificateRecord;
import org.dragongate.directory.ContactPointRegistry;

/**
 * Contact points' encryption certificates from the directory in the database. A revoked one is left out:
 * nothing is encrypted for it any more, so its expiry changes nothing.
 */
public final class ContactPointCertificateInventory implements CertificateInventory {
    static final String PURPOSE = "encryption";

    private final ContactPointRegistry registry;

    public ContactPointCertificateInventory(ContactPointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<WatchedCertificate> certificates() throws SQLException {
        return registry.certificates().list(null).stream()
                .filter(record -> CertificateRecord.ACTIVE.equals(record.status()))
                .map(record -> new WatchedCertificate(OwnerKind.CONTACT_POINT, record.contactPointId(), PURPOSE, record.sha256(),
                        record.subject(), record.notAfter()))
                .toList();
    }
}
