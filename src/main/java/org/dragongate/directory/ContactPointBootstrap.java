package org.dragongate.directory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dragongate.routing.ContactPoint;
import org.dragongate.routing.ContactPointDirectory;
import org.dragongate.routing.ContactPointDirectoryFile;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a contact-points file ({@code config/contact-points.yaml}, read and checked by
 * {@link ContactPointDirectoryFile}) into the database: every contact point with its encryption
 * certificate (window of use: its validity), in one transaction, so a file with one mistake imports
 * nothing. The gateway does it once, on its first start, while no contact point is registered.
 */
public final class ContactPointBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(ContactPointBootstrap.class);

    /** What an import registered; warnings name expired certificates kept on record. */
    public record Result(int contactPoints, int certificates, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private final Database db;
    private final ContactPointRegistry registry;

    public ContactPointBootstrap(Database db, AuditTrail trail, Clock clock) {
        this.db = db;
        this.registry = new ContactPointRegistry(db, trail, clock);
    }

    /**
     * Imports every contact point of the file; one already registered refuses the whole file.
     *
     * @throws IOException the file cannot be read or is not a valid contact-points file
     */
    public Result importFile(Path yaml, String actor) throws IOException, SQLException {
        ContactPointDirectory file = ContactPointDirectoryFile.load(yaml);
        return db.inTransaction(c -> importAll(c, file, yaml, actor));
    }

    /** The gateway's first start: imports the file when no contact point is registered yet; empty when there were some. */
    public Optional<Result> importIfEmpty(Path yaml) throws IOException, SQLException {
        if (!registry.isEmpty()) {
            return Optional.empty();
        }
        ContactPointDirectory file = ContactPointDirectoryFile.load(yaml);
        Optional<Result> result = FirstStart.importIfEmpty(db, "contact_point", "the contact-point directory",
                c -> importAll(c, file, yaml, FirstStart.ACTOR));
        result.ifPresent(r -> LOG.info("contact-point directory imported from {}: {} contact points, {} certificates", yaml,
                r.contactPoints(), r.certificates()));
        return result;
    }

    private Result importAll(Connection c, ContactPointDirectory file, Path yaml, String actor) throws SQLException {
        List<String> warnings = new ArrayList<>();
        int certificates = 0;
        for (ContactPoint cp : file.all()) {
            var credentials = cp.credentials();
            var client = credentials.clientCertificate();
            registry.add(c, new NewContactPoint(cp.id(), cp.name(), cp.country(), cp.categories(), cp.endpoint().toString(),
                    credentials.bearerTokenVariable().orElse(null), client.map(f -> f.pkcs12().toAbsolutePath().normalize().toString()).orElse(null),
                    client.map(f -> f.passwordVariable()).orElse(null)), actor,
                    "contact point " + cp.id() + " imported from " + yaml.getFileName());
            if (cp.encryptionCertificate().isPresent()) {
                // As the file had it: used for its whole validity; an expired one is kept but never used.
                warnings.addAll(registry.certificates().register(c, cp.id(), cp.encryptionCertificate().get(), UseWindow.VALIDITY, true, actor)
                        .warnings());
                certificates++;
            }
        }
        warnings.forEach(warning -> LOG.warn("contact-point directory import: {}", warning));
        return new Result(file.all().size(), certificates, warnings);
    }
}
