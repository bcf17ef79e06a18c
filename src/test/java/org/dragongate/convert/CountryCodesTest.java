package org.dragongate.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountryCodesTest {
    private final CountryCodes codes = CountryCodes.iso3166();

    /** ISO 3166-1 has 249 officially assigned alpha-2 codes; a truncated or padded list shows here. */
    @Test
    void shipsTheFullListOfAssignedCodes() {
        assertThat(codes.size()).isEqualTo(249);
    }

    @Test
    void knowsTheRegionsCountries() {
        assertThat(codes.isAssigned("VN")).isTrue();
        assertThat(codes.isAssigned("JP")).isTrue();
        assertThat(codes.isAssigned("AU")).isTrue();
        assertThat(codes.isAssigned("HK")).isTrue();
        assertThat(codes.isAssigned("ZW")).as("last of the list").isTrue();
        assertThat(codes.isAssigned("AD")).as("first of the list").isTrue();
    }

    /** Codes people write that ISO does not assign: UK (it is GB), EU (exceptionally reserved), XK (user-assigned). */
    @Test
    void refusesCodesThatAreNotAssigned() {
        assertThat(codes.isAssigned("UK")).isFalse();
        assertThat(codes.isAssigned("EU")).isFalse();
        assertThat(codes.isAssigned("XK")).isFalse();
        assertThat(codes.isAssigned("vn")).as("lower case").isFalse();
        assertThat(codes.isAssigned(null)).isFalse();
    }
}
