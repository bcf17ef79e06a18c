package org.dragongate.notice;

/** Why a place is named in a notice. */
public enum PlaceRole {
    SEIZURE,
    INSPECTION,
    DEPARTURE,
    ARRIVAL,
    OTHER
}
