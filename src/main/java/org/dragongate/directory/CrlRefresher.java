package org.dragongate.directory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import org.dragongate.store.Sql;
import org.dragongate.trust.CrlDistributionPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches partners' CRLs from where their CAs publish them: the CRL distribution points named in
 * the partners' certificates (a CA's own, or a pinned signer's) and the issuing distribution points
 * of the CRLs held. Only HTTP and HTTPS, with timeouts and a size limit. A fetched CRL counts only
 * when it is signed by one of that partner's trust anchors; it is imported (audited, as
 * {@code crl import} would) when it is newer than the one held for its issuer.
 *
 * <p>Nothing here decides whether a package passes: that is the revocation policy's job
 * ({@code gateway.revocation.on-missing-crl}), which sees what this keeps current.
 */
public final class CrlRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(CrlRefresher.class);
    /** A CRL is kilobytes to a few megabytes; anything bigger is not one we want in memory. */
    static final long MAX_CRL_BYTES = 16L * 1024 * 1024;

    /** What became of one distribution point. */
    public enum Status {
        /** Newer than the CRL held: imported, audited. */
        IMPORTED,
        /** Not newer than the one held: nothing changed. */
        UP_TO_DATE,
        /** Signed by the CA but already past its next update: imported if newer, yet revocation stays unknown until a current one comes. */
        STALE,
        /** Unreachable, not a CRL, or not signed by a CA of the partner: nothing imported. */
        FAILED
    }

    /** One distribution point of one partner, and what came of it. */
    public record Outcome(String partnerId, URI source, Status status, String detail) {
        public String line() {
            return status.name().replace('_', '-') + " " + partnerId + " " + source + ": " + detail;
        }

        /** Whether every distribution point gave a current CRL (imported now, or the one held is up to date). */
        public static boolean allCurrent(List<Outcome> outcomes) {
            return outcomes.stream().allMatch(o -> o.status() == Status.IMPORTED || o.status() == Status.UP_TO_DATE);
        }
    }

    /** Gets a CRL's bytes from a distribution point. */
    @FunctionalInterface
    public interface Fetcher {
        byte[] fetch(URI source) throws IOException;
    }

    private final Database db;
    private final AuditTrail trail;
    private final Clock clock;
    private final Fetcher fetcher;

    public CrlRefresher(Database db, AuditTrail trail, Clock clock, Fetcher fetcher) {
        this.db = db;
        this.trail = trail;
        this.clock = clock;
        this.fetcher = fetcher;
    }

    /** Over HTTP(S) with the JDK's client: {@code timeout} to connect and again for the whole answer; redirects followed, never from HTTPS to HTTP. */
    public static Fetcher http(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        return source -> {
            String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IOException("only HTTP and HTTPS distribution points are fetched, not " + (scheme.isEmpty() ? "this" : scheme));
            }
            HttpRequest request = HttpRequest.newBuilder(source).timeout(timeout).GET().build();
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IOException("HTTP " + response.statusCode());
                    }
                    byte[] data = body.readNBytes((int) MAX_CRL_BYTES + 1);
                    if (data.length > MAX_CRL_BYTES) {
                        throw new IOException("the answer is larger than " + MAX_CRL_BYTES + " bytes");
                    }
                    return data;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        };
    }

    /**
     * Fetches every partner's distribution points once.
     *
     * @param actor who asked (an administrator, or the gateway instance on its schedule), for the audit trail
     */
    public List<Outcome> refresh(String actor) throws SQLException {
        Map<String, Sources> sources = sources();
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, Sources> partner : sources.entrySet()) {
            for (URI source : partner.getValue().points()) {
                Outcome outcome = refresh(partner.getKey(), partner.getValue().anchors(), source, actor);
                outcomes.add(outcome);
                if (outcome.status() == Status.FAILED || outcome.status() == Status.STALE) {
                    LOG.warn("CRL refresh: {}", outcome.line());
                } else {
                    LOG.info("CRL refresh: {}", outcome.line());
                }
            }
        }
        return outcomes;
    }

    /** A partner's trust anchors (what a CRL must be signed by) and the distribution points its directory entries name. */
    private record Sources(List<X509Certificate> anchors, Set<URI> points) {
    }

    private Map<String, Sources> sources() throws SQLException {
        return db.inTransaction(c -> {
            Map<String, Sources> sources = new LinkedHashMap<>();
            PartnerCertificates.forEach(c, (record, certificate) -> {
                if (CertificateRecord.ACTIVE.equals(record.status())) {
                    Sources partner = sources.computeIfAbsent(record.partnerId(), k -> new Sources(new ArrayList<>(), new LinkedHashSet<>()));
                    if (record.kind() == CertificateKind.TRUST_ANCHOR) {
                        partner.anchors().add(certificate);
                    }
                    partner.points().addAll(CrlDistributionPoints.of(certificate));
                }
            });
            for (Map.Entry<String, List<X509CRL>> crls : PartnerCertificates.crlsByPartner(c).entrySet()) {
                Sources partner = sources.get(crls.getKey());
                if (partner != null) {
                    crls.getValue().forEach(crl -> partner.points().addAll(CrlDistributionPoints.of(crl)));
                }
            }
            return sources;
        });
    }

    private Outcome refresh(String partnerId, List<X509Certificate> anchors, URI source, String actor) {
        X509CRL crl;
        try {
            crl = CertificateParser.crl(fetcher.fetch(source), source.toString());
        } catch (IOException e) {
            return new Outcome(partnerId, source, Status.FAILED, "unreachable or refused: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (DirectoryException e) {
            return new Outcome(partnerId, source, Status.FAILED, "the answer is not a CRL: " + e.getMessage());
        }
        String issuer = crl.getIssuerX500Principal().getName();
        if (signer(crl, anchors) == null) {
            return new Outcome(partnerId, source, Status.FAILED, "the CRL of '" + issuer + "' is not signed by a trust anchor of partner "
                    + partnerId + " (its signature does not verify against any CA of that name in the directory); not imported");
        }
        Instant now = clock.instant();
        boolean stale = crl.getNextUpdate() != null && !crl.getNextUpdate().toInstant().isAfter(now);
        String dates = "CRL of '" + issuer + "', this update " + crl.getThisUpdate().toInstant() + ", next update "
                + (crl.getNextUpdate() == null ? "none" : crl.getNextUpdate().toInstant());
        boolean imported;
        try {
            imported = Sql.retryingOnceOnConflict(db, c -> {
                for (CrlRecord held : PartnerCertificates.crls(c, partnerId)) {
                    if (held.issuer().equals(Sql.cut(issuer, 1024)) && !held.thisUpdate().isBefore(crl.getThisUpdate().toInstant())) {
                        return false;
                    }
                }
                new PartnerCertificates(db, trail, clock).register(c, partnerId, crl, actor, source.toString());
                return true;
            });
        } catch (DirectoryException raced) {
            // Another instance imported it (DUPLICATE) or a newer one (STALE_CRL) between our look and our insert.
            imported = false;
        } catch (SQLException e) {
            return new Outcome(partnerId, source, Status.FAILED, "fetched, but not recorded: " + e.getMessage());
        }
        if (stale) {
            return new Outcome(partnerId, source, Status.STALE, dates + (imported ? " (imported: newer than the one held)" : "")
                    + "; it is past its next update, so revocation stays unknown until the CA publishes a current one");
        }
        return new Outcome(partnerId, source, imported ? Status.IMPORTED : Status.UP_TO_DATE, dates);
    }

    /** The anchor of the CRL's issuer whose key verifies its signature; null when none does. */
    private static X509Certificate signer(X509CRL crl, List<X509Certificate> anchors) {
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                try {
                    crl.verify(anchor.getPublicKey());
                    return anchor;
                } catch (GeneralSecurityException notThisKey) {
                    // another CA of the same name, or a forgery
                }
            }
        }
        return null;
    }
}
