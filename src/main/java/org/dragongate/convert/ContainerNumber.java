package org.dragongate.convert;

import java.util.regex.Pattern;

/**
 * ISO 6346 container numbers: owner code (3 letters), equipment category (U, J or Z), 6-digit
 * serial number and a check digit. The check digit catches most typing errors, so a number that
 * fails it is refused rather than routed on a container that does not exist.
 */
public final class ContainerNumber {
    private static final Pattern SHAPE = Pattern.compile("[A-Z]{3}[UJZ][0-9]{7}");
    /** A=10, then one more per letter, jumping over the multiples of 11 (B=12, L=23, V=34). */
    private static final int[] LETTER_VALUES = new int[26];

    static {
        int value = 10;
        for (int letter = 0; letter < 26; letter++) {
            if (value % 11 == 0) {
                value++;
            }
            LETTER_VALUES[letter] = value++;
        }
    }

    private ContainerNumber() {
    }

    /** Whether {@code number} (11 characters, upper case, no spaces) has the right shape and check digit. */
    public static boolean isValid(String number) {
        return number != null && SHAPE.matcher(number).matches()
                && checkDigit(number.substring(0, 10)) == number.charAt(10) - '0';
    }

    public static boolean hasValidShape(String number) {
        return number != null && SHAPE.matcher(number).matches();
    }

    /**
     * The check digit of the first ten characters: each character's value (digits as themselves,
     * letters from A=10 upwards skipping 11, 22 and 33) times 2 to the power of its position, summed,
     * modulo 11; a remainder of 10 counts as 0.
     */
    public static int checkDigit(String firstTen) {
        if (firstTen.length() != 10) {
            throw new IllegalArgumentException("need the 10 characters before the check digit, got " + firstTen.length());
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += value(firstTen.charAt(i)) << i;
        }
        return sum % 11 % 10;
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c < 'A' || c > 'Z') {
            throw new IllegalArgumentException("not a container number character: " + c);
        }
        return LETTER_VALUES[c - 'A'];
    }
}
