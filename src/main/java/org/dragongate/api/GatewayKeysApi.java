package org.dragongate.api;

import java.sql.SQLException;
import java.util.List;
import org.dragongate.keys.GatewayKeyRecord;
import org.dragongate.keys.GatewayKeyRegistry;

/**
 * The gateway's own keys through the API: listed, activated and retired (a rollover's steps once the
 * new key is in). Generating and importing a key stay on the command line, beside the key password
 * and the files; the API never handles private keys.
 */
public final class GatewayKeysApi {
    private final GatewayKeyRegistry registry;
    private final ApiJson json;

    public GatewayKeysApi(GatewayKeyRegistry registry, ApiJson json) {
        this.registry = registry;
        this.json = json;
    }

    public List<GatewayKeyRecord> list() throws SQLException {
        return registry.list();
    }

    public GatewayKeyRecord activate(String fingerprint, ApiCaller caller) throws SQLException {
        return registry.activate(fingerprint, caller.actor());
    }

    public GatewayKeyRecord retire(String fingerprint, byte[] body, ApiCaller caller) throws SQLException {
        return registry.retire(fingerprint, json.readOptional(body, ReasonRequest.class, ReasonRequest.NONE).reason(), caller.actor());
    }
}
