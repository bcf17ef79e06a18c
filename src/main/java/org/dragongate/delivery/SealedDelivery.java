package org.dragongate.delivery;

import java.util.Objects;
import java.util.regex.Pattern;
import org.dragongate.store.DeliveryStore;

/**
 * One notice, sealed for one contact point: the unit that is delivered, retried and dead-lettered.
 *
 * @param body the CMS bytes (DER); not copied, so treat it as read-only
 */
public record SealedDelivery(String noticeId, DeliveryTarget target, byte[] body) {
    /**
     * The characters of notice-1.xsd's notice ids: ids end up in HTTP headers and file names, so nothing else gets
     * through. Longer than a partner's reference: the gateway's ids add the partner and the version.
     */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,199}");

    public SealedDelivery {
        requireSafeId(noticeId, "notice id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
    }

    /**
     * Same for every attempt and every re-drive of this notice to this contact point, so the receiver can drop repeats;
     * also the delivery's key in the tracking database.
     */
    public String idempotencyKey() {
        return DeliveryStore.keyOf(noticeId, target.contactPointId());
    }

    @Override
    public String toString() {
        return "SealedDelivery[" + idempotencyKey() + ", " + body.length + " bytes]";
    }

    static String requireSafeId(String id, String what) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must match " + SAFE_ID.pattern());
        }
        return id;
    }
}
