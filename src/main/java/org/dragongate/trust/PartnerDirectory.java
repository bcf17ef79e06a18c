package org.dragongate.trust;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where the gateway looks up partners; backed by configuration now, by the database later. */
public interface PartnerDirectory {
    Optional<Partner> find(String partnerId);

    Collection<Partner> all();

    /** A fixed directory, for the command line and tests. */
    static PartnerDirectory of(Partner... partners) {
        List<Partner> list = List.of(partners);
        return new PartnerDirectory() {
            @Override
            public Optional<Partner> find(String partnerId) {
                return list.stream().filter(p -> p.id().equals(partnerId)).findFirst();
            }

            @Override
            public Collection<Partner> all() {
                return list;
            }
        };
    }
}
