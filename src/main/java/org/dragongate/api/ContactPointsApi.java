package org.dragongate.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.dragongate.directory.ContactPointCertificateRecord;
import org.dragongate.directory.ContactPointCertificates;
import org.dragongate.directory.ContactPointRecord;
import org.dragongate.directory.ContactPointRegistry;
import org.dragongate.directory.NewContactPoint;
import org.dragongate.directory.UseWindow;
import org.dragongate.notice.Category;

/** The contact-point operations of the API, on the registry the {@code contact-point} commands use. */
public final class ContactPointsApi {
    /** A contact point with the certificates deliveries are encrypted for, and how many deliveries wait for it. */
    public record ContactPointDetail(String id, String name, String country, Set<Category> categories, String endpoint, String bearerTokenEnv,
                                     String clientCertificateFile, String clientCertificatePasswordEnv, String status, String statusReason,
                                     Instant updatedAt,
                                     int queuedDeliveries, List<Certificate> certificates) {
    }

    /** A contact point's certificate. */
    public record Certificate(String sha256, String subject, String issuer, String serial, Instant notBefore, Instant notAfter,
                              Instant useFrom, Instant useUntil, String status, String revokedReason, Instant revokedAt) {
        static Certificate of(ContactPointCertificateRecord r) {
            return new Certificate(r.sha256(), r.subject(), r.issuer(), r.serial(), r.notBefore(), r.notAfter(), r.useFrom(), r.useUntil(),
                    r.status(), r.revokedReason(), r.revokedAt());
        }
    }

    /** The body of POST /contact-points: credentials are names of environment variables and files, never secrets. */
    public record NewContactPointRequest(String id, String name, String country, List<String> categories, String endpoint,
                                         String bearerTokenEnv, String clientCertificateFile, String clientCertificatePasswordEnv) {
    }

    /** The body of POST /contact-points/{id}/certificates. @see CertificatesApi.ImportRequest for the window's format */
    public record ImportRequest(String pem, String useFrom, String useUntil, Boolean allowExpired) {
    }

    /** What an import answers: the certificate, and what the administrator should know. */
    public record Imported(Certificate certificate, List<String> warnings) {
    }

    private final ContactPointRegistry registry;
    private final ApiJson json;

    public ContactPointsApi(ContactPointRegistry registry, ApiJson json) {
        this.registry = registry;
        this.json = json;
    }

    public List<ContactPointRecord> list() throws SQLException {
        return registry.list();
    }

    public ContactPointDetail show(String id) throws SQLException {
        ContactPointRecord r = registry.show(id);
        return new ContactPointDetail(r.id(), r.name(), r.country(), r.categories(), r.endpoint(), r.bearerTokenEnv(), r.clientCertificateFile(),
                r.clientCertificatePasswordEnv(), r.status(), r.statusReason(), r.updatedAt(), registry.queuedDeliveries(id),
                registry.certificates().list(id).stream().map(Certificate::of).toList());
    }

    public ApiReply add(byte[] body, ApiCaller caller) throws SQLException {
        NewContactPointRequest request = json.read(body, NewContactPointRequest.class);
        List<String> categories = request.categories() == null ? List.of() : request.categories();
        if (categories.stream().anyMatch(category -> category == null)) {
            throw ApiException.badRequest("categories must not hold null");
        }
        return ApiReply.created(registry.add(new NewContactPoint(request.id(), request.name(), request.country(),
                NewContactPoint.categories(categories), request.endpoint(), request.bearerTokenEnv(), request.clientCertificateFile(),
                request.clientCertificatePasswordEnv()), caller.actor()));
    }

    public ContactPointRecord suspend(String id, byte[] body, ApiCaller caller) throws SQLException {
        return registry.suspend(id, json.readOptional(body, ReasonRequest.class, ReasonRequest.NONE).reason(), caller.actor());
    }

    public ContactPointRecord resume(String id, ApiCaller caller) throws SQLException {
        return registry.resume(id, caller.actor());
    }

    public ApiReply importCertificate(String id, byte[] body, ApiCaller caller) throws SQLException {
        ImportRequest request = json.read(body, ImportRequest.class);
        ContactPointCertificates.Imported imported = registry.certificates().importCertificate(id,
                PemText.bytes(request.pem(), "CERTIFICATE"), "the PEM", null,
                new UseWindow(UseWindow.parse(request.useFrom()), UseWindow.parse(request.useUntil())),
                Boolean.TRUE.equals(request.allowExpired()), caller.actor());
        return ApiReply.created(new Imported(Certificate.of(imported.certificate()), imported.warnings()));
    }

    public Certificate revoke(String id, String sha256, byte[] body, ApiCaller caller) throws SQLException {
        return Certificate.of(registry.certificates().revoke(id, sha256, json.read(body, ReasonRequest.class).reason(), caller.actor()));
    }

    /** Deletes a mistaken import; the audit trail keeps what it was. */
    public Certificate remove(String id, String sha256, ApiCaller caller) throws SQLException {
        return Certificate.of(registry.certificates().remove(id, sha256, caller.actor()));
    }
}
