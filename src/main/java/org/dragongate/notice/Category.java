package org.dragongate.notice;

/** The trafficking domain a notice belongs to; contact points subscribe by category. */
public enum Category {
    NARCOTICS,
    PRECURSORS,
    /** Wildlife and timber, CITES-listed or not. */
    WILDLIFE,
    OTHER
}
