package org.dragongate.delivery;

import java.util.Map;

/** HTTP delivery with the client each contact point needs: its own mutual-TLS client, or the shared one. */
public final class HttpChannels implements DeliveryChannel {
    private final HttpDelivery shared;
    private final Map<String, HttpDelivery> byContactPoint;

    public HttpChannels(HttpDelivery shared, Map<String, HttpDelivery> byContactPoint) {
        this.shared = shared;
        this.byContactPoint = Map.copyOf(byContactPoint);
    }

    @Override
    public DeliveryOutcome send(SealedDelivery delivery) throws InterruptedException {
        return byContactPoint.getOrDefault(delivery.target().contactPointId(), shared).send(delivery);
    }
}
