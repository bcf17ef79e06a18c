package org.dragongate.gateway;

import java.sql.SQLException;
import org.dragongate.directory.CrlRefresher;

/**
 * The gateway's own {@code crl refresh}, every {@code gateway.crl-refresh-minutes} (0: never), on
 * the timer of the refresh-crls route. Each instance refreshes; an import another instance made
 * first is simply up to date here. The audit trail names this instance as the actor.
 */
public final class ScheduledCrlRefresh {
    private final CrlRefresher refresher;
    private final boolean enabled;
    private final String actor;

    public ScheduledCrlRefresh(CrlRefresher refresher, int minutes, String instanceId) {
        this.refresher = refresher;
        this.enabled = minutes > 0;
        this.actor = instanceId;
    }

    /** @return how many CRLs were imported (each outcome is logged by the refresher) */
    public int run() throws SQLException {
        if (!enabled) {
            return 0;
        }
        return (int) refresher.refresh(actor).stream().filter(o -> o.status() == CrlRefresher.Status.IMPORTED).count();
    }
}
