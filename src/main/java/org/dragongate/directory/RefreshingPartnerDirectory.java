package org.dragongate.directory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's view of the partner directory in the database, read again when it is older than the
 * refresh interval: a suspension, a revocation or a window of use that opens or closes takes effect
 * within that interval, without a restart. Reading is one query per table, so a package never waits
 * on more than that. If the database cannot be read, the last directory read stays in use (and the
 * failure is logged); the package itself then fails on the database and is retried from its queue.
 */
public final class RefreshingPartnerDirectory implements PartnerDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshingPartnerDirectory.class);

    /** How the directory is read: {@link PartnerRegistry#load()} in the gateway. */
    @FunctionalInterface
    public interface Loader {
        PartnerDirectory load() throws SQLException;
    }

    private record Snapshot(PartnerDirectory directory, Instant readAt) {
    }

    private final Loader loader;
    private final Duration refresh;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /** Reads the directory once now, so a gateway whose database cannot be read does not start. */
    public RefreshingPartnerDirectory(Loader loader, Duration refresh, Clock clock) throws SQLException {
        this.loader = loader;
        this.refresh = refresh;
        this.clock = clock;
        this.snapshot = new Snapshot(loader.load(), clock.instant());
    }

    @Override
    public Optional<Partner> find(String partnerId) {
        return current().find(partnerId);
    }

    @Override
    public Collection<Partner> all() {
        return current().all();
    }

    private PartnerDirectory current() {
        Snapshot now = snapshot;
        if (clock.instant().isBefore(now.readAt().plus(refresh))) {
            return now.directory();
        }
        synchronized (this) {
            if (snapshot == now) {
                try {
                    snapshot = new Snapshot(loader.load(), clock.instant());
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("cannot read the partner directory from the database, keeping the one read at {}: {}", now.readAt(),
                            e.getMessage());
                    snapshot = new Snapshot(now.directory(), clock.instant());
                }
            }
            return snapshot.directory();
        }
    }
}
