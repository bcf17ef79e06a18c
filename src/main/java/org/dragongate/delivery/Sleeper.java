package org.dragongate.delivery;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the wait and moves a fake clock instead. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration wait) throws InterruptedException;

    static Sleeper real() {
        return wait -> Thread.sleep(wait.toMillis());
    }
}
