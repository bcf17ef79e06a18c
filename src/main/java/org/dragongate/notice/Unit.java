package org.dragongate.notice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The units a quantity may be given in; partners' own units are mapped to these. */
public enum Unit {
    MILLIGRAM("mg"),
    GRAM("g"),
    KILOGRAM("kg"),
    TONNE("t"),
    MILLILITRE("ml"),
    LITRE("l"),
    CUBIC_METRE("m3"),
    PIECES("pieces");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /** The symbol used in XML, JSON and CSV, e.g. {@code kg}. */
    @JsonValue
    public String symbol() {
        return symbol;
    }

    public static Optional<Unit> ofSymbol(String symbol) {
        return Arrays.stream(values()).filter(unit -> unit.symbol.equals(symbol)).findFirst();
    }

    @JsonCreator
    static Unit fromSymbol(String symbol) {
        return ofSymbol(symbol).orElseThrow(() -> new IllegalArgumentException("unknown unit " + symbol));
    }
}
