package org.dragongate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The gateway's notice ids go into headers and file names: safe characters only, and never two references under one id. */
class GatewayNoticeIdTest {
    @Test
    void partnerReferenceAndVersion() {
        assertThat(GatewayNoticeId.of("CN-GACC", "CN-2026.0042", 3)).isEqualTo("CN-GACC.CN-2026.0042.v3");
    }

    /** "A:B" and "A_B" are different references: escaping both keeps their ids apart, in [A-Za-z0-9._-] only. */
    @Test
    void colonAndUnderscoreAreEscapedSoDifferentReferencesStayApart() {
        String colon = GatewayNoticeId.of("CN-GACC", "A:B", 1);
        String underscore = GatewayNoticeId.of("CN-GACC", "A_B", 1);
        String literal = GatewayNoticeId.of("CN-GACC", "A_3AB", 1);

        assertThat(colon).isEqualTo("CN-GACC.A_3AB.v1");
        assertThat(underscore).isEqualTo("CN-GACC.A_5FB.v1");
        assertThat(literal).isEqualTo("CN-GACC.A_5F3AB.v1");
        assertThat(java.util.List.of(colon, underscore, literal)).allMatch(id -> id.matches("[A-Za-z0-9._-]+")).doesNotHaveDuplicates();
    }

    @Test
    void aLongReferenceIsCutAndToldApartByItsDigest() {
        String first = GatewayNoticeId.of("CN-GACC", ":".repeat(79) + "a", 1);
        String second = GatewayNoticeId.of("CN-GACC", ":".repeat(79) + "b", 1);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.length()).isLessThanOrEqualTo(200);
        assertThat(first).matches("[A-Za-z0-9._-]+");
    }

    @Test
    void refusesWhatIsNoPartnerOrReference() {
        assertThatThrownBy(() -> GatewayNoticeId.of("../x", "N-1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayNoticeId.of("CN-GACC", "N 1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayNoticeId.of("CN-GACC", "N-1", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
