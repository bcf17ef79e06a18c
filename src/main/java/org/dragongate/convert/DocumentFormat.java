package org.dragongate.convert;

import java.util.Arrays;
import java.util.Optional;

/**
 * A format the gateway can read: the common schema in one of three syntaxes, or a partner's own
 * layout read through its mapping. The configuration name is the lower-case form with dashes.
 */
public enum DocumentFormat {
    CANONICAL_XML(Syntax.XML, false),
    CANONICAL_JSON(Syntax.JSON, false),
    CANONICAL_CSV(Syntax.CSV, false),
    MAPPED_XML(Syntax.XML, true),
    MAPPED_JSON(Syntax.JSON, true),
    MAPPED_CSV(Syntax.CSV, true);

    private final Syntax syntax;
    private final boolean mapped;

    DocumentFormat(Syntax syntax, boolean mapped) {
        this.syntax = syntax;
        this.mapped = mapped;
    }

    public Syntax syntax() {
        return syntax;
    }

    /** Read through the partner's mapping rather than as the common schema. */
    public boolean mapped() {
        return mapped;
    }

    /** {@code canonical-xml}, {@code mapped-json}, ... as written in {@code config/mappings/*.yaml}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Optional<DocumentFormat> ofConfigName(String name) {
        return Arrays.stream(values()).filter(format -> format.configName().equals(name)).findFirst();
    }

    static DocumentFormat of(Syntax syntax, boolean mapped) {
        return Arrays.stream(values()).filter(f -> f.syntax == syntax && f.mapped == mapped).findFirst().orElseThrow();
    }
}
