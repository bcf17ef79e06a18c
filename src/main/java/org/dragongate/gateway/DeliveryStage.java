package org.dragongate.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dragongate.delivery.DeliverySealer;
import org.dragongate.delivery.DeliveryTarget;
import org.dragongate.routing.ContactPoint;
import org.dragongate.routing.ContactPointDirectory;
import org.dragongate.store.DeliveryStore.RoutedDelivery;
import org.dragongate.store.NoticeRegistry;
import org.dragongate.store.NoticeRegistry.IncomingNotice;
import org.dragongate.store.NoticeRegistry.Outcome;
import org.dragongate.store.NoticeRegistry.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a package's routed notices and queues their deliveries, one notice per transaction:
 * each new notice (or new version) is signed by the gateway, encrypted for each contact point's
 * certificate when it has one, and queued once per contact point; a notice the partner sent before
 * is recorded as a duplicate and queued nowhere. Sealing happens before the transaction, so no
 * database lock waits for cryptography; a notice already known is not sealed at all. The delivery
 * worker takes it from there.
 */
public final class DeliveryStage {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryStage.class);

    private final DeliverySealer sealer;
    private final ContactPointDirectory contactPoints;
    private final NoticeRegistry registry;

    public DeliveryStage(DeliverySealer sealer, ContactPointDirectory contactPoints, NoticeRegistry registry) {
        this.sealer = sealer;
        this.contactPoints = contactPoints;
        this.registry = registry;
    }

    /**
     * @param noticesFolder what the convert stage wrote for one package ({@code <notices>/<package sha256>}), see {@link RoutedNotices}
     * @return how many deliveries this call queued
     */
    public int enqueue(Path noticesFolder) throws IOException, SQLException {
        String packageSha256 = noticesFolder.getFileName().toString();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        int[] queued = {0};
        RoutedNotices.forEach(noticesFolder, notice -> {
            IncomingNotice incoming = new IncomingNotice(packageSha256, notice.position(), notice.partnerId(), notice.reference(),
                    notice.contentSha256());
            Registration registration = registry.registerIfKnown(incoming).orElse(null);
            if (registration == null) {
                registration = registry.register(incoming, seal(notice));
                if (registration.outcome() != Outcome.DUPLICATE) {
                    queued[0] += registration.deliveries().size();
                }
            }
            outcomes.merge(registration.outcome(), 1, Integer::sum);
            LOG.debug("package {} notice {}: {} {}", packageSha256.substring(0, 12), notice.position(), registration.noticeId(),
                    registration.outcome());
        });
        LOG.info("package {}: notices registered {}, {} deliveries queued", packageSha256.substring(0, 12), outcomes, queued[0]);
        return queued[0];
    }

    private List<RoutedDelivery> seal(RoutedNotices.RoutedNotice notice) throws IOException {
        List<DeliveryTarget> targets = new ArrayList<>();
        for (RoutedNotices.Route route : notice.routes()) {
            ContactPoint contactPoint = contactPoints.find(route.contactPointId())
                    .orElseThrow(() -> new IOException("contact point " + route.contactPointId() + " left the directory"));
            targets.add(DeliveryTargets.of(contactPoint));
        }
        List<byte[]> sealed = sealer.sealFor(targets, notice.xml());
        List<RoutedDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            deliveries.add(new RoutedDelivery(targets.get(i).contactPointId(), notice.routes().get(i).reason(), sealed.get(i)));
        }
        return deliveries;
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
