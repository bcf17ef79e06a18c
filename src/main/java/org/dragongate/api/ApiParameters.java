package org.dragongate.api;

/** Query parameters as operations read them: left out means the default; anything else that is not understood is a 400. */
final class ApiParameters {
    private ApiParameters() {
    }

    /** {@code true} or {@code false}; false when left out. */
    static boolean flag(String name, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, not '" + text + "'");
        };
    }

    /** A whole number from {@code min} to {@code max}; {@code absent} when left out. */
    static Integer wholeNumber(String name, String text, int min, int max, Integer absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, like any number out of range
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }
}
