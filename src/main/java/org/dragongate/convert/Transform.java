package org.dragongate.convert;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A change applied to a partner's value before it is looked up in the value map. */
enum Transform {
    /** Upper case: {@code vn} becomes {@code VN}. */
    UPPER,
    /** Lower case: {@code KG} becomes {@code kg}. */
    LOWER,
    /** One value holding several, separated by spaces, commas or semicolons: {@code "VN MY"} becomes two values. */
    SPLIT;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");

    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Transform> ofConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equals(name)).findFirst();
    }

    List<String> apply(String value) {
        return switch (this) {
            case UPPER -> List.of(value.toUpperCase(Locale.ROOT));
            case LOWER -> List.of(value.toLowerCase(Locale.ROOT));
            case SPLIT -> Arrays.stream(SEPARATORS.split(value.trim())).filter(s -> !s.isEmpty()).toList();
        };
    }
}
