package org.dragongate.directory;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.dragongate.notice.Category;

/**
 * A contact point as the directory holds it; credentials are names, never secrets.
 *
 * @param status       {@link #ACTIVE} or {@link #SUSPENDED}: deliveries to a suspended contact point stay
 *                     queued (held, not attempted) until it is resumed
 * @param statusReason why it is suspended, as the administrator said; null while active or when not said
 */
public record ContactPointRecord(String id, String name, String country, Set<Category> categories, String endpoint,
                                 String bearerTokenEnv, String clientCertificateFile, String clientCertificatePasswordEnv,
                                 String status, String statusReason, Instant updatedAt) {
    public static final String ACTIVE = "ACTIVE";
    public static final String SUSPENDED = "SUSPENDED";

    public ContactPointRecord {
        categories = Collections.unmodifiableSet(categories.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(categories));
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
