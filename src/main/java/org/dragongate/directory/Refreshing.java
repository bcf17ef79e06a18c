package org.dragongate.directory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something the gateway reads from the database (a directory, its keys) and reads again once it is
 * older than the refresh interval, so an administrator's change takes effect within that interval,
 * without a restart. If it cannot be read again, the last one read stays in use and the failure is
 * logged: a database hiccup must not empty the gateway's directory or keyring.
 *
 * @param <T> what is read; immutable, so readers may keep the instance they got. (Not a {@code Supplier}: Camel would take a
 *            bean that is one for a lazy factory of its value.)
 */
public final class Refreshing<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Refreshing.class);

    /** How it is read, e.g. {@link PartnerRegistry#load()}. */
    @FunctionalInterface
    public interface Loader<T> {
        T load() throws Exception;
    }

    private record Snapshot<T>(T value, Instant readAt) {
    }

    private final String what;
    private final Loader<T> loader;
    private final Duration refresh;
    private final Clock clock;
    private volatile Snapshot<T> snapshot;

    /**
     * Reads it once now, so a gateway that cannot read it does not start.
     *
     * @param what names it in the log, e.g. "the partner directory"
     * @throws SQLException the first read failed; other failures are wrapped in an {@link IllegalStateException}
     */
    public Refreshing(String what, Loader<T> loader, Duration refresh, Clock clock) throws SQLException {
        this.what = what;
        this.loader = loader;
        this.refresh = refresh;
        this.clock = clock;
        try {
            this.snapshot = new Snapshot<>(loader.load(), clock.instant());
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** What was read last, read again first when it is older than the refresh interval. */
    public T get() {
        Snapshot<T> now = snapshot;
        if (clock.instant().isBefore(now.readAt().plus(refresh))) {
            return now.value();
        }
        synchronized (this) {
            if (snapshot == now) {
                try {
                    snapshot = new Snapshot<>(loader.load(), clock.instant());
                } catch (Exception e) {
                    LOG.warn("cannot read {} again, keeping the one read at {}: {}", what, now.readAt(), e.getMessage());
                    snapshot = new Snapshot<>(now.value(), clock.instant());
                }
            }
            return snapshot.value();
        }
    }
}
