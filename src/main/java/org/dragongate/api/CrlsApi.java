package org.dragongate.api;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.dragongate.directory.CrlRecord;
import org.dragongate.directory.CrlRefresher;
import org.dragongate.directory.PartnerRegistry;

/** Partners' CRLs through the API: the {@code crl import} and {@code crl refresh} commands' operations. */
public final class CrlsApi {
    /** The body of POST /partners/{id}/crls. */
    public record ImportRequest(String pem) {
    }

    /** What a refresh did, one outcome per distribution point; {@code current} when each gave a current CRL. */
    public record Refreshed(boolean current, List<CrlRefresher.Outcome> outcomes) {
    }

    private final PartnerRegistry registry;
    private final CrlRefresher refresher;
    private final ApiJson json;

    public CrlsApi(PartnerRegistry registry, CrlRefresher refresher, ApiJson json) {
        this.registry = registry;
        this.refresher = refresher;
        this.json = json;
    }

    public ApiReply importCrl(String partnerId, byte[] body, ApiCaller caller) throws SQLException {
        ImportRequest request = json.read(body, ImportRequest.class);
        if (request.pem() == null || !request.pem().contains("-----BEGIN X509 CRL-----")) {
            throw ApiException.badRequest("pem must hold the CRL in PEM text (-----BEGIN X509 CRL----- ...)");
        }
        CrlRecord crl = registry.certificates().importCrl(partnerId, request.pem().getBytes(StandardCharsets.US_ASCII), "the PEM",
                caller.actor());
        return ApiReply.created(crl);
    }

    /** Fetches every partner's CRLs from their distribution points now, as the scheduled refresh does. */
    public Refreshed refresh(ApiCaller caller) throws SQLException {
        List<CrlRefresher.Outcome> outcomes = refresher.refresh(caller.actor());
        return new Refreshed(outcomes.stream().allMatch(o -> o.status() == CrlRefresher.Status.IMPORTED
                || o.status() == CrlRefresher.Status.UP_TO_DATE), outcomes);
    }
}
