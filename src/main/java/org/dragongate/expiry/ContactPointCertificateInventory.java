package org.dragongate.expiry;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.directory.CertificateRecord;
import org.dragongate.directory.ContactPointRecord;
import org.dragongate.directory.ContactPointRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contact points' certificates from the directory in the database: the encryption certificates
 * deliveries are sealed for (a revoked one is left out: nothing is encrypted for it any more), and the
 * client certificates the gateway presents to a contact point's HTTPS endpoint for mutual TLS, read
 * from their PKCS#12 files with the password the gateway's environment holds. An expired client
 * certificate would fail every delivery to the endpoint until they all went dead.
 */
public final class ContactPointCertificateInventory implements CertificateInventory {
    private static final Logger LOG = LoggerFactory.getLogger(ContactPointCertificateInventory.class);
    static final String PURPOSE = "encryption";

    private final ContactPointRegistry registry;
    private final UnaryOperator<String> environment;

    /** Encryption certificates only. */
    public ContactPointCertificateInventory(ContactPointRegistry registry) {
        this(registry, null);
    }

    /** @param environment a variable's value, from where the client certificates' passwords are (the gateway's environment); null to leave them out */
    public ContactPointCertificateInventory(ContactPointRegistry registry, UnaryOperator<String> environment) {
        this.registry = registry;
        this.environment = environment;
    }

    @Override
    public List<WatchedCertificate> certificates() throws SQLException {
        List<WatchedCertificate> watched = new ArrayList<>(registry.certificates().list(null).stream()
                .filter(record -> CertificateRecord.ACTIVE.equals(record.status()))
                .map(record -> new WatchedCertificate(OwnerKind.CONTACT_POINT, record.contactPointId(), PURPOSE, record.sha256(),
                        record.subject(), record.notAfter()))
                .toList());
        if (environment != null) {
            for (ContactPointRecord contactPoint : registry.list()) {
                if (contactPoint.clientCertificateFile() != null) {
                    clientCertificate(contactPoint).ifPresent(watched::add);
                }
            }
        }
        return watched;
    }

    /** Unreadable, it is said in the log at each check (deliveries to the endpoint fail the same way) and left out. */
    private Optional<WatchedCertificate> clientCertificate(ContactPointRecord contactPoint) {
        Path file = Path.of(contactPoint.clientCertificateFile());
        String variable = contactPoint.clientCertificatePasswordEnv();
        String password = environment.apply(variable);
        if (password == null || password.isEmpty()) {
            LOG.warn("expiry watch: the client certificate {} of contact point {} is not watched: environment variable {} (its password) is not set",
                    file, contactPoint.id(), variable);
            return Optional.empty();
        }
        try {
            return Optional.of(WatchedCertificate.of(OwnerKind.CONTACT_POINT, contactPoint.id(), WatchedCertificate.MUTUAL_TLS_CLIENT,
                    KeyFiles.load(file, password.toCharArray(), null).certificate()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("expiry watch: the client certificate {} of contact point {} is not watched: {}", file, contactPoint.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
