package org.dragongate.expiry;

import java.util.List;
import org.dragongate.routing.ContactPointDirectory;

/** Contact points' encryption certificates, from the routing's contact point directory (the file today). */
public final class ContactPointCertificateInventory implements CertificateInventory {
    static final String PURPOSE = "encryption";

    private final ContactPointDirectory directory;

    public ContactPointCertificateInventory(ContactPointDirectory directory) {
        this.directory = directory;
    }

    @Override
    public List<WatchedCertificate> certificates() {
        return directory.all().stream()
                .filter(contactPoint -> contactPoint.encryptionCertificate().isPresent())
                .map(contactPoint -> WatchedCertificate.of(OwnerKind.CONTACT_POINT, contactPoint.id(), PURPOSE,
                        contactPoint.encryptionCertificate().get()))
                .toList();
    }
}
