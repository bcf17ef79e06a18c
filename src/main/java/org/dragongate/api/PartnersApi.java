package org.dragongate.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.dragongate.directory.CertificateRecord;
import org.dragongate.directory.NewPartner;
import org.dragongate.directory.PartnerRecord;
import org.dragongate.directory.PartnerRegistry;

/** The partners operations of the API, on the registry the {@code partner} commands use. */
public final class PartnersApi {
    /** A partner as the API shows it. */
    public record Partner(String id, String name, String country, String sftpAccount, List<String> mailAddresses, String status,
                          String statusReason) {
        static Partner of(PartnerRecord record) {
            return new Partner(record.id(), record.name(), record.country(), record.sftpAccount(), record.mailAddresses(), record.status(),
                    record.statusReason());
        }
    }

    /** A partner with its certificates. */
    public record PartnerDetail(String id, String name, String country, String sftpAccount, List<String> mailAddresses, String status,
                                String statusReason, List<CertificatesApi.Certificate> certificates) {
    }

    /** The body of POST /partners. */
    public record NewPartnerRequest(String id, String name, String country, String sftpAccount, List<String> mailAddresses) {
    }

    private final PartnerRegistry registry;
    private final ApiJson json;

    public PartnersApi(PartnerRegistry registry, ApiJson json) {
        this.registry = registry;
        this.json = json;
    }

    public List<Partner> list() throws SQLException {
        return registry.list().stream().map(Partner::of).toList();
    }

    public PartnerDetail show(String id) throws SQLException {
        PartnerRecord partner = registry.show(id);
        List<CertificateRecord> certificates = registry.certificates().list(id);
        return new PartnerDetail(partner.id(), partner.name(), partner.country(), partner.sftpAccount(), partner.mailAddresses(),
                partner.status(), partner.statusReason(), certificates.stream().map(CertificatesApi.Certificate::of).toList());
    }

    public ApiReply add(byte[] body, ApiCaller caller) throws SQLException {
        NewPartnerRequest request = json.read(body, NewPartnerRequest.class);
        List<String> mail = request.mailAddresses() == null ? List.of() : request.mailAddresses();
        if (mail.stream().anyMatch(address -> address == null)) {
            throw ApiException.badRequest("mailAddresses must not hold null");
        }
        PartnerRecord added = registry.add(new NewPartner(request.id(), request.name(), request.country(), request.sftpAccount(),
                Set.copyOf(mail), false), caller.actor());
        return ApiReply.created(Partner.of(added));
    }

    public Partner suspend(String id, byte[] body, ApiCaller caller) throws SQLException {
        return Partner.of(registry.suspend(id, json.readOptional(body, ReasonRequest.class, ReasonRequest.NONE).reason(), caller.actor()));
    }

    public Partner resume(String id, ApiCaller caller) throws SQLException {
        return Partner.of(registry.resume(id, caller.actor()));
    }
}
