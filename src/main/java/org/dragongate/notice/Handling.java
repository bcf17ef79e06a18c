package org.dragongate.notice;

/**
 * How far a receiver may share the notice: the Traffic Light Protocol 2.0 labels (FIRST), which
 * customs and police cooperation networks already use. {@code AMBER_STRICT} is TLP:AMBER+STRICT.
 */
public enum Handling {
    CLEAR,
    GREEN,
    AMBER,
    AMBER_STRICT,
    RED
}
