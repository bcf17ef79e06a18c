package org.dragongate.routing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where the gateway looks up contact points: the database in the gateway
 * ({@code directory.RefreshingContactPointDirectory}; {@code config/contact-points.yaml} is its first
 * start's import), the file itself for the loader's checks and tests.
 */
public interface ContactPointDirectory {
    Optional<ContactPoint> find(String contactPointId);

    /** Every contact point, in the order of the file (of their ids, from the database). */
    Collection<ContactPoint> all();

    /** A fixed directory, for the loader and tests. */
    static ContactPointDirectory of(ContactPoint... contactPoints) {
        List<ContactPoint> list = List.of(contactPoints);
        return new ContactPointDirectory() {
            @Override
            public Optional<ContactPoint> find(String contactPointId) {
                return list.stream().filter(c -> c.id().equals(contactPointId)).findFirst();
            }

            @Override
            public Collection<ContactPoint> all() {
                return list;
            }
        };
    }
}
