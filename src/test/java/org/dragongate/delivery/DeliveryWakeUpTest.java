package org.dragongate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DeliveryWakeUpTest {
    @Test
    void aWakeUpEndsTheWaitAtOnce() throws InterruptedException {
        DeliveryWakeUp wakeUp = new DeliveryWakeUp(Duration.ofHours(1));

        wakeUp.wake();

        assertThat(wakeUp.awaitWork()).isTrue();
    }

    @Test
    void withoutOneTheWaitEndsAtThePollPeriod() throws InterruptedException {
        assertThat(new DeliveryWakeUp(Duration.ofMillis(1)).awaitWork()).isFalse();
    }

    /** Many enqueues before the worker looks start one run, not one run each. */
    @Test
    void wakeUpsBeforeARunCountOnce() throws InterruptedException {
        DeliveryWakeUp wakeUp = new DeliveryWakeUp(Duration.ofMillis(1));
        wakeUp.wake();
        wakeUp.wake();
        wakeUp.wake();

        assertThat(wakeUp.awaitWork()).isTrue();
        assertThat(wakeUp.awaitWork()).isFalse();
    }
}
