package org.dragongate.convert;

/** The syntax a document is written in, recognised from its first bytes. */
public enum Syntax {
    XML,
    JSON,
    CSV
}
