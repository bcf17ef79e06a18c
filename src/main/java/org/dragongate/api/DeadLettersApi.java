package org.dragongate.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dragongate.store.DeliveryStore;

/** The dead-letter operations of the API, on the delivery store the {@code dead-letter} commands use. */
public final class DeadLettersApi {
    /** A delivery that did not reach its contact point. */
    public record DeadLetter(String key, String noticeId, String contactPoint, int attempts, String lastOutcome, Instant lastAttemptAt,
                             Instant deadAt) {
        static DeadLetter of(DeliveryStore.DeadDelivery dead) {
            return new DeadLetter(dead.deliveryKey(), dead.noticeId(), dead.contactPointId(), dead.attempts(), dead.lastOutcome(),
                    dead.lastAttemptAt(), dead.deadSince());
        }
    }

    /** The answer to a re-drive: the delivery is queued again. */
    public record Redriven(String key, DeliveryStore.State state) {
    }

    private final DeliveryStore deliveries;

    public DeadLettersApi(DeliveryStore deliveries) {
        this.deliveries = deliveries;
    }

    public List<DeadLetter> list() throws SQLException {
        return deliveries.listDead().stream().map(DeadLetter::of).toList();
    }

    /** Queues the dead delivery again: 404 for an unknown key, 409 for one that is not dead (queued or delivered). */
    public Redriven redrive(String key, ApiCaller caller) throws SQLException {
        if (deliveries.redrive(key, caller.actor())) {
            return new Redriven(key, DeliveryStore.State.QUEUED);
        }
        Optional<DeliveryStore.State> state = deliveries.state(key);
        if (state.isPresent()) {
            throw new ApiException(409, "NOT_DEAD", "delivery " + key + " is " + state.get() + ", not a dead letter; only dead letters are re-driven");
        }
        throw ApiException.notFound("UNKNOWN_DEAD_LETTER", "no delivery has the key " + key + " (GET /api/v1/dead-letters lists the dead letters)");
    }
}
