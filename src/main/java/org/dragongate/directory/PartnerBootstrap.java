package org.dragongate.directory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dragongate.directory.PartnerCertificates.ImportOptions;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectoryFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a partners file ({@code config/partners.yaml}, read by {@link PartnerDirectoryFile}) into the
 * database: every partner, its mail addresses, certificates (window of use: their validity) and CRLs, in
 * one transaction, so a file with one mistake imports nothing. The gateway does it once, on its first
 * start, when the directory is still empty.
 */
public final class PartnerBootstrap {
    /** Who the audit trail names for the gateway's own first import. */
    public static final String ACTOR = FirstStart.ACTOR;
    private static final Logger LOG = LoggerFactory.getLogger(PartnerBootstrap.class);

    /** What an import registered; warnings name expired certificates kept on record. */
    public record Result(int partners, int certificates, int crls, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private final Database db;
    private final PartnerRegistry registry;
    private final PartnerCertificates certificates;

    public PartnerBootstrap(Database db, AuditTrail trail, Clock clock) {
        this.db = db;
        this.registry = new PartnerRegistry(db, trail, clock);
        this.certificates = registry.certificates();
    }

    /**
     * Imports every partner of the file; a partner already registered refuses the whole file.
     *
     * @throws IOException the file cannot be read or is not a valid partners file
     */
    public Result importFile(Path yaml, String actor) throws IOException, SQLException {
        List<PartnerDirectoryFile.Entry> entries = PartnerDirectoryFile.read(yaml);
        return db.inTransaction(c -> importEntries(c, entries, yaml, actor));
    }

    /**
     * The gateway's first start: imports the file when no partner is registered yet. Another instance
     * that imports it at the same moment wins; this one then finds the directory filled.
     *
     * @return what was imported; empty when the directory already had partners
     */
    public Optional<Result> importIfEmpty(Path yaml) throws IOException, SQLException {
        if (!registry.isEmpty()) {
            return Optional.empty();
        }
        List<PartnerDirectoryFile.Entry> entries = PartnerDirectoryFile.read(yaml);
        Optional<Result> result = FirstStart.importIfEmpty(db, "partner", "the partner directory", c -> importEntries(c, entries, yaml, ACTOR));
        result.ifPresent(r -> LOG.info("partner directory imported from {}: {} partners, {} certificates, {} CRLs", yaml,
                r.partners(), r.certificates(), r.crls()));
        return result;
    }

    private Result importEntries(Connection c, List<PartnerDirectoryFile.Entry> entries, Path yaml, String actor) throws SQLException {
        int certificateCount = 0;
        int crlCount = 0;
        List<String> warnings = new ArrayList<>();
        String source = "imported from " + yaml.getFileName();
        for (PartnerDirectoryFile.Entry entry : entries) {
            Partner partner = entry.partner();
            registry.add(c, new NewPartner(partner.id(), partner.name(), entry.country(), null, partner.mailAddresses(),
                    partner.allowLegacyKeyTransport()), actor, "partner " + partner.id() + " " + source);
            // As the file had it: certificates are used for their whole validity, an expired one is kept but never accepted.
            for (var kind : List.of(CertificateKind.TRUST_ANCHOR, CertificateKind.PINNED)) {
                var listed = kind == CertificateKind.TRUST_ANCHOR ? partner.trustAnchors() : partner.pinnedCertificates();
                if (!listed.isEmpty()) {
                    var imported = certificates.register(c, partner.id(), listed, new ImportOptions(kind, UseWindow.VALIDITY, true), actor);
                    certificateCount += imported.certificates().size();
                    warnings.addAll(imported.warnings());
                }
            }
            for (X509CRL crl : partner.crls()) {
                certificates.register(c, partner.id(), crl, actor);
                crlCount++;
            }
        }
        warnings.forEach(warning -> LOG.warn("partner directory import: {}", warning));
        return new Result(entries.size(), certificateCount, crlCount, warnings);
    }
}
