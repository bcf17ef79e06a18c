package org.dragongate.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ISO 6346 check digits, computed by hand for each example in the comments. */
class ContainerNumberTest {
    /** The standard's own example: C=13 S=30 Q=28 U=32 3 0 5 4 3 8, weighted sum 6185 = 11 * 562 + 3. */
    @Test
    void acceptsTheIso6346ExampleCsqu3054383() {
        assertThat(ContainerNumber.checkDigit("CSQU305438")).isEqualTo(3);
        assertThat(ContainerNumber.isValid("CSQU3054383")).isTrue();
    }

    /** M=24 S=30 C=13 U=32 1 2 3 4 5 6: weighted sum 5528, mod 11 = 6; so ...565 is a typing error. */
    @Test
    void refusesMscu1234565WhoseCheckDigitIs6() {
        assertThat(ContainerNumber.checkDigit("MSCU123456")).isEqualTo(6);
        assertThat(ContainerNumber.isValid("MSCU1234565")).isFalse();
        assertThat(ContainerNumber.isValid("MSCU1234566")).isTrue();
    }

    /** Weighted sum of MSCU123453 is 3992 = 11 * 362 + 10: a remainder of 10 is written as 0. */
    @Test
    void writesRemainderTenAsCheckDigitZero() {
        assertThat(ContainerNumber.checkDigit("MSCU123453")).isZero();
        assertThat(ContainerNumber.isValid("MSCU1234530")).isTrue();
    }

    /** Letter values skip multiples of 11: B is 12 and V is 34, so a table off by one fails these. */
    @Test
    void usesLetterValuesThatSkipMultiplesOfEleven() {
        // B=12 at position 0: 12; A=10 *2 = 20; then "AU000000": A=10*4 + U=32*8 = 296 -> total 328 = 11*29 + 9.
        assertThat(ContainerNumber.checkDigit("BAAU000000")).isEqualTo(9);
        // V=34: 34 + 20 + 40 + 256 = 350 = 11*31 + 9.
        assertThat(ContainerNumber.checkDigit("VAAU000000")).isEqualTo(9);
        // L=23: 23 + 20 + 40 + 256 = 339 = 11*30 + 9 as well; K=21 gives 337 = 11*30 + 7.
        assertThat(ContainerNumber.checkDigit("LAAU000000")).isEqualTo(9);
        assertThat(ContainerNumber.checkDigit("KAAU000000")).isEqualTo(7);
    }

    @Test
    void refusesNumbersOfTheWrongShape() {
        assertThat(ContainerNumber.isValid("CSQX3054383")).as("category letter must be U, J or Z").isFalse();
        assertThat(ContainerNumber.isValid("csqu3054383")).as("lower case").isFalse();
        assertThat(ContainerNumber.isValid("CSQU305438")).as("check digit missing").isFalse();
        assertThat(ContainerNumber.isValid("CSQU 3054383")).as("space").isFalse();
        assertThat(ContainerNumber.isValid(null)).isFalse();
    }
}
