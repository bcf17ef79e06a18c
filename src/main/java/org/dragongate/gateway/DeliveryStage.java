package org.dragongate.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.dragongate.delivery.DeliverySealer;
import org.dragongate.delivery.DeliveryTarget;
import org.dragongate.delivery.Outbox;
import org.dragongate.delivery.SealedDelivery;
import org.dragongate.notice.NoticeSchemaViolation;
import org.dragongate.routing.ContactPoint;
import org.dragongate.routing.ContactPointDirectory;

/**
 * Queues a package's routed notices for delivery: each notice, signed by the gateway and encrypted
 * for the contact point's certificate when it has one, goes into the durable outbox once per
 * contact point. The delivery worker takes it from there.
 */
public final class DeliveryStage {
    private final DeliverySealer sealer;
    private final ContactPointDirectory contactPoints;
    private final Outbox outbox;
    private final RoutedNotices routedNotices = new RoutedNotices();
    private final Clock clock;

    public DeliveryStage(DeliverySealer sealer, ContactPointDirectory contactPoints, Outbox outbox, Clock clock) {
        this.sealer = sealer;
        this.contactPoints = contactPoints;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @param noticesFolder what the convert stage wrote: notice-N.xml and notice-N.routing (one "CONTACT-POINT: reason" per line) */
    public int enqueue(Path noticesFolder) throws IOException, NoticeSchemaViolation {
        int queued = 0;
        for (RoutedNotices.RoutedNotice notice : routedNotices.read(noticesFolder)) {
            for (String contactPointId : notice.contactPointIds()) {
                queued += enqueue(notice.noticeId(), notice.xml(), contactPointId);
            }
        }
        return queued;
    }

    private int enqueue(String noticeId, byte[] xml, String contactPointId) throws IOException {
        ContactPoint contactPoint = contactPoints.find(contactPointId)
                .orElseThrow(() -> new IOException("contact point " + contactPointId + " left the directory"));
        SealedDelivery delivery = sealer.seal(noticeId, xml, DeliveryTargets.of(contactPoint));
        return outbox.enqueue(delivery, clock.instant()) ? 1 : 0;
    }

    /** Builds delivery targets from the directory: the bearer token is read from the environment at each use. */
    public static final class DeliveryTargets {
        private DeliveryTargets() {
        }

        public static DeliveryTarget of(ContactPoint contactPoint) {
            return new DeliveryTarget(contactPoint.id(), contactPoint.endpoint(), contactPoint.encryptionCertificate().orElse(null),
                    contactPoint.credentials().bearerToken(System.getenv()).orElse(null));
        }
    }
}
