package org.dragongate.delivery;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** HTTP delivery with the client each contact point needs: its own mutual-TLS client, or the shared one. */
public final class HttpChannels implements DeliveryChannel {
    private final HttpDelivery shared;
    private final Function<String, Optional<HttpDelivery>> byContactPoint;

    public HttpChannels(HttpDelivery shared, Map<String, HttpDelivery> byContactPoint) {
        this(shared, fixed(Map.copyOf(byContactPoint)));
    }

    /** @param byContactPoint the mutual-TLS client of a contact point that needs one; asked at each delivery, so it may follow the directory */
    public HttpChannels(HttpDelivery shared, Function<String, Optional<HttpDelivery>> byContactPoint) {
        this.shared = shared;
        this.byContactPoint = byContactPoint;
    }

    @Override
    public DeliveryOutcome send(SealedDelivery delivery) throws InterruptedException {
        HttpDelivery client;
        try {
            client = byContactPoint.apply(delivery.target().contactPointId()).orElse(shared);
        } catch (RuntimeException e) {
            // Its client certificate cannot be loaded (a file or a variable missing): a failed attempt, retried, never unauthenticated.
            return new DeliveryOutcome.RetryLater("no mutual-TLS client for " + delivery.target().contactPointId() + ": " + e.getMessage(), null);
        }
        return client.send(delivery);
    }

    private static Function<String, Optional<HttpDelivery>> fixed(Map<String, HttpDelivery> clients) {
        return id -> Optional.ofNullable(clients.get(id));
    }
}
