package org.dragongate.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dragongate.expiry.ExpiryStatus.State;
import org.dragongate.testing.FakeTime;
import org.junit.jupiter.api.Test;

/** Where the 30, 14, 7 and 1 day thresholds fall, to the second, on a fixed clock. */
class ExpiryThresholdsTest {
    private static final Instant NOW = FakeTime.START;
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final ExpiryThresholds thresholds = ExpiryThresholds.defaults();

    @Test
    void moreThanThirtyDaysLeftIsOkEvenBySecond() {
        ExpiryStatus status = statusWithLeft(Duration.ofDays(30).plus(SECOND));

        assertThat(status.state()).isEqualTo(State.OK);
        assertThat(status.thresholdDays()).isNull();
        assertThat(status.daysLeft()).isEqualTo(30);
        assertThat(status.needsWarning()).isFalse();
    }

    @Test
    void exactlyThirtyDaysLeftCrossesTheThirtyDayThreshold() {
        ExpiryStatus status = statusWithLeft(Duration.ofDays(30));

        assertThat(status.state()).isEqualTo(State.WARNING);
        assertThat(status.thresholdDays()).isEqualTo(30);
        assertThat(status.daysLeft()).isEqualTo(30);
    }

    @Test
    void eachThresholdStartsExactlyAtItsDayAndTheOneAboveHoldsUntilThen() {
        assertThat(statusWithLeft(Duration.ofDays(14).plus(SECOND)).thresholdDays()).isEqualTo(30);
        assertThat(statusWithLeft(Duration.ofDays(14)).thresholdDays()).isEqualTo(14);
        assertThat(statusWithLeft(Duration.ofDays(7).plus(SECOND)).thresholdDays()).isEqualTo(14);
        assertThat(statusWithLeft(Duration.ofDays(7)).thresholdDays()).isEqualTo(7);
        assertThat(statusWithLeft(Duration.ofDays(1).plus(SECOND)).thresholdDays()).isEqualTo(7);
        assertThat(statusWithLeft(Duration.ofDays(1)).thresholdDays()).isEqualTo(1);
    }

    @Test
    void theLastSecondBeforeNotAfterIsStillTheOneDayWarningWithNoWholeDayLeft() {
        ExpiryStatus status = statusWithLeft(SECOND);

        assertThat(status.state()).isEqualTo(State.WARNING);
        assertThat(status.thresholdDays()).isEqualTo(1);
        assertThat(status.daysLeft()).isZero();
        assertThat(status.summary()).isEqualTo("expires in less than a day (1-day warning)");
    }

    @Test
    void atNotAfterItIsExpired() {
        ExpiryStatus status = statusWithLeft(Duration.ZERO);

        assertThat(status.state()).isEqualTo(State.EXPIRED);
        assertThat(status.thresholdDays()).isNull();
        assertThat(status.warningThreshold()).isZero();
        assertThat(status.summary()).isEqualTo("EXPIRED on " + NOW);
    }

    @Test
    void daysLeftOfAnExpiredCertificateCountBackwards() {
        assertThat(statusWithLeft(Duration.ofHours(-1)).daysLeft()).isEqualTo(-1);
        assertThat(statusWithLeft(Duration.ofDays(-3)).daysLeft()).isEqualTo(-3);
    }

    /** Only the nearest threshold counts: a certificate first seen 5 days before its end is in the 7-day warning, not also in 30 and 14. */
    @Test
    void aCertificateFirstSeenWithFiveDaysLeftIsInTheSevenDayWarning() {
        ExpiryStatus status = statusWithLeft(Duration.ofDays(5));

        assertThat(status.thresholdDays()).isEqualTo(7);
        assertThat(status.daysLeft()).isEqualTo(5);
        assertThat(status.summary()).isEqualTo("expires in 5 days (7-day warning)");
    }

    @Test
    void thresholdsAreWholeDaysOfOneOrMore() {
        assertThatThrownBy(() -> new ExpiryThresholds(List.of(7, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExpiryThresholds(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ExpiryThresholds(List.of(3, 10, 3)).longest()).isEqualTo(10);
    }

    private ExpiryStatus statusWithLeft(Duration left) {
        return thresholds.status(certificate(NOW.plus(left)), NOW);
    }

    static WatchedCertificate certificate(Instant notAfter) {
        return new WatchedCertificate(OwnerKind.PARTNER, "CN-GACC", "pinned signer", "ab".repeat(32), "CN=Signer,O=Test", notAfter);
    }
}
