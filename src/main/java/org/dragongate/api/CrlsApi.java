package org.dragongate.api;

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
        CrlRecord crl = registry.certificates().importCrl(partnerId, PemText.bytes(request.pem(), "X509 CRL"), "the PEM",
                caller.actor());
        return ApiReply.created(crl);
    }

    /** Fetches every partner's CRLs from their distribution points now, as the scheduled refresh does. */
    public Refreshed refresh(ApiCaller caller) throws SQLException {
        List<CrlRefresher.Outcome> outcomes = refresher.refresh(caller.actor());
        return new Refreshed(CrlRefresher.Outcome.allCurrent(outcomes), outcomes);
    }
}
