package org.dragongate.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.dragongate.directory.CertificateKind;
import org.dragongate.directory.CertificateRecord;
import org.dragongate.directory.PartnerCertificates;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.directory.UseWindow;

/** The certificate operations of the API, on the partner certificates the {@code cert} commands use. */
public final class CertificatesApi {
    /** A partner's certificate as the API shows it. */
    public record Certificate(String sha256, CertificateKind kind, String subject, String issuer, String serial, Instant notBefore,
                              Instant notAfter, Instant useFrom, Instant useUntil, String status, String revokedReason, Instant revokedAt) {
        static Certificate of(CertificateRecord record) {
            return new Certificate(record.sha256(), record.kind(), record.subject(), record.issuer(), record.serial(), record.notBefore(),
                    record.notAfter(), record.useFrom(), record.useUntil(), record.status(), record.revokedReason(), record.revokedAt());
        }
    }

    /**
     * What an import answers: the (first) certificate registered, as a {@link Certificate}, plus what the
     * administrator should know (an expired certificate kept on record) and any further certificates a
     * PEM bundle registered in the same step.
     */
    public record Imported(String sha256, CertificateKind kind, String subject, String issuer, String serial, Instant notBefore,
                           Instant notAfter, Instant useFrom, Instant useUntil, String status, String revokedReason, Instant revokedAt,
                           List<String> warnings, List<Certificate> alsoImported) {
        static Imported of(PartnerCertificates.Imported imported) {
            Certificate first = Certificate.of(imported.certificates().get(0));
            return new Imported(first.sha256(), first.kind(), first.subject(), first.issuer(), first.serial(), first.notBefore(),
                    first.notAfter(), first.useFrom(), first.useUntil(), first.status(), first.revokedReason(), first.revokedAt(),
                    imported.warnings(), imported.certificates().stream().skip(1).map(Certificate::of).toList());
        }
    }

    /**
     * The body of POST /partners/{id}/certificates.
     *
     * @param kind     TRUST_ANCHOR or PINNED; left out, an end-entity certificate is pinned and CA certificates are anchors
     * @param useFrom  a date (2026-12-01) or a UTC time; left out, the certificate's not-before
     * @param useUntil likewise; left out, its not-after
     */
    public record ImportRequest(String pem, CertificateKind kind, String useFrom, String useUntil, Boolean allowExpired) {
    }

    private final PartnerRegistry registry;
    private final ApiJson json;

    public CertificatesApi(PartnerRegistry registry, ApiJson json) {
        this.registry = registry;
        this.json = json;
    }

    public ApiReply importCertificate(String partnerId, byte[] body, ApiCaller caller) throws SQLException {
        ImportRequest request = json.read(body, ImportRequest.class);
        var options = new PartnerCertificates.ImportOptions(request.kind(),
                new UseWindow(UseWindow.parse(request.useFrom()), UseWindow.parse(request.useUntil())), Boolean.TRUE.equals(request.allowExpired()));
        var imported = registry.certificates().importCertificate(partnerId, PemText.bytes(request.pem(), "CERTIFICATE"), "the PEM",
                null, options, caller.actor());
        return ApiReply.created(Imported.of(imported));
    }

    public Certificate revoke(String partnerId, String sha256, byte[] body, ApiCaller caller) throws SQLException {
        return Certificate.of(registry.certificates().revoke(partnerId, sha256, json.read(body, ReasonRequest.class).reason(), caller.actor()));
    }

    /** Deletes a mistaken import; the audit trail keeps what it was. */
    public Certificate remove(String partnerId, String sha256, ApiCaller caller) throws SQLException {
        return Certificate.of(registry.certificates().remove(partnerId, sha256, caller.actor()));
    }
}
