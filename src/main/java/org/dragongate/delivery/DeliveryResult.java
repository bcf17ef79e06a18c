package org.dragongate.delivery;

/** How a delivery ended: at the contact point, or in the dead-letter store. Never neither. */
public sealed interface DeliveryResult {
    int attempts();

    record Delivered(int attempts, int status) implements DeliveryResult {
    }

    record DeadLettered(DeadLetter entry) implements DeliveryResult {
        @Override
        public int attempts() {
            return entry.attempts();
        }
    }
}
