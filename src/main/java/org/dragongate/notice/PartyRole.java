package org.dragongate.notice;

/** The part a person or company plays in the reported movement. */
public enum PartyRole {
    CONSIGNOR,
    CONSIGNEE,
    CARRIER,
    DECLARANT,
    SUSPECT,
    OTHER
}
