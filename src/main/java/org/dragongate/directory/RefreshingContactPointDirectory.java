package org.dragongate.directory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.dragongate.routing.ContactPoint;
import org.dragongate.routing.ContactPointDirectory;

/**
 * The gateway's view of the contact points in the database, read again when it is older than the
 * refresh interval (as {@link RefreshingPartnerDirectory}): a contact point added, an endpoint or a
 * certificate changed takes effect within that interval, without a restart; if the database cannot
 * be read, the last directory read stays in use.
 */
public final class RefreshingContactPointDirectory implements ContactPointDirectory {
    private final Refreshing<ContactPointDirectory> directory;

    /** Reads the directory once now, so a gateway whose database cannot be read does not start. */
    public RefreshingContactPointDirectory(ContactPointRegistry registry, Duration refresh, Clock clock) throws SQLException {
        this.directory = new Refreshing<>("the contact-point directory", registry::load, refresh, clock);
    }

    @Override
    public Optional<ContactPoint> find(String contactPointId) {
        return directory.get().find(contactPointId);
    }

    @Override
    public Collection<ContactPoint> all() {
        return directory.get().all();
    }

    /** The directory as read last, one consistent snapshot (for checking the routing rules against it). */
    public ContactPointDirectory current() {
        return directory.get();
    }
}
