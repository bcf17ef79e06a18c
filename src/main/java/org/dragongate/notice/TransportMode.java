package org.dragongate.notice;

/** How the goods or persons travel. */
public enum TransportMode {
    SEA,
    AIR,
    ROAD,
    RAIL,
    POSTAL,
    COURIER,
    /** Carried by a traveller (baggage, body). */
    PASSENGER,
    OTHER
}
