package org.dragongate.api;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import org.dragongate.quarantine.QuarantineAdmin;
import org.dragongate.quarantine.QuarantineRecord;

/** The quarantine operations of the API, on the {@link QuarantineAdmin} the {@code quarantine} commands use. */
public final class QuarantineApi {
    private final QuarantineAdmin admin;
    private final ApiJson json;

    public QuarantineApi(QuarantineAdmin admin, ApiJson json) {
        this.admin = admin;
        this.json = json;
    }

    /** @param all the {@code all} query parameter: true lists discarded entries too */
    public List<QuarantineRecord> list(String all) throws SQLException {
        return admin.list(ApiParameters.flag("all", all));
    }

    public QuarantineAdmin.Detail show(String id) throws SQLException {
        return admin.show(id);
    }

    /** 202 with the request: a gateway instance takes it at its next poll of the admin requests. */
    public ApiReply reprocess(String id, ApiCaller caller) throws SQLException {
        return ApiReply.accepted(admin.reprocess(id, caller.actor()));
    }

    public QuarantineAdmin.Discarded discard(String id, byte[] body, ApiCaller caller) throws SQLException, IOException {
        return admin.discard(id, json.read(body, ReasonRequest.class).reason(), caller.actor());
    }
}
