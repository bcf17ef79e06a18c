package org.dragongate.directory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;

/**
 * The gateway's view of the partner directory in the database, read again when it is older than the
 * refresh interval: a suspension, a revocation or a window of use that opens or closes takes effect
 * within that interval, without a restart. Reading is one query per table, so a package never waits
 * on more than that. If the database cannot be read, the last directory read stays in use (and the
 * failure is logged); the package itself then fails on the database and is retried from its queue.
 */
public final class RefreshingPartnerDirectory implements PartnerDirectory {
    /** How the directory is read: {@link PartnerRegistry#load()} in the gateway. */
    @FunctionalInterface
    public interface Loader {
        PartnerDirectory load() throws SQLException;
    }

    private final Refreshing<PartnerDirectory> directory;

    /** Reads the directory once now, so a gateway whose database cannot be read does not start. */
    public RefreshingPartnerDirectory(Loader loader, Duration refresh, Clock clock) throws SQLException {
        this.directory = new Refreshing<>("the partner directory", loader::load, refresh, clock);
    }

    @Override
    public Optional<Partner> find(String partnerId) {
        return directory.get().find(partnerId);
    }

    @Override
    public Collection<Partner> all() {
        return directory.get().all();
    }
}
