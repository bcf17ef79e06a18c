package org.dragongate.delivery;

import java.io.IOException;

/**
 * Where a re-driven dead letter goes: normally the contact point's current directory entry, so an
 * endpoint or token fixed by the administrator is what the re-drive uses. The bearer token is not
 * stored with the dead letter, so it has to come from here.
 */
@FunctionalInterface
public interface RedriveTargets {
    DeliveryTarget targetFor(DeadLetter entry) throws IOException;
}
