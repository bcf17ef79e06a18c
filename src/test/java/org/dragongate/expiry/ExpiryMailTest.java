package org.dragongate.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.dragongate.testing.FakeTime;
import org.junit.jupiter.api.Test;

/** What the administrators read, and the Message-ID that lets a repeated mail be recognised. */
class ExpiryMailTest {
    private static final Instant NOW = FakeTime.START;
    private final ExpiryThresholds thresholds = ExpiryThresholds.defaults();

    @Test
    void theMessageIdIsTheSameForTheSameWarningAndDiffersPerThreshold() {
        WatchedCertificate key = new WatchedCertificate(OwnerKind.GATEWAY, "../keys/gateway signing.p12", "signing", "c0".repeat(32),
                "CN=Gateway", NOW.plus(Duration.ofDays(10)));

        String fourteen = ExpiryMail.messageId(thresholds.status(key, NOW));
        String again = ExpiryMail.messageId(thresholds.status(key, NOW.plus(Duration.ofHours(6))));
        String seven = ExpiryMail.messageId(thresholds.status(key, NOW.plus(Duration.ofDays(4))));

        assertThat(fourteen).isEqualTo(again).isEqualTo("<expiry.GATEWAY.___keys_gateway_signing_p12." + "c0".repeat(32) + ".14@dragongate>");
        assertThat(seven).endsWith(".7@dragongate>");
    }

    @Test
    void theMailNamesTheOwnerTheCertificateAndWhatToDo() {
        ExpiryStatus status = thresholds.status(new WatchedCertificate(OwnerKind.CONTACT_POINT, "VN-ENV-POLICE", "encryption", "d1".repeat(32),
                "CN=VN Environmental Police", NOW.plus(Duration.ofDays(3))), NOW);

        assertThat(ExpiryMail.subject(status)).isEqualTo("Dragongate: contact point VN-ENV-POLICE certificate expires in 3 days (7-day warning)");
        assertThat(ExpiryMail.body(status)).contains("SHA-256:    " + "d1".repeat(32)).contains("Not after:  2025-03-04T08:00:00Z")
                .contains("Days left:  3").contains("ask contact point VN-ENV-POLICE for its next encryption certificate");
    }

    @Test
    void recipientsMustBeMailAddresses() {
        assertThatThrownBy(() -> ExpiryMail.through("127.0.0.1", 25, "gateway@dragongate.example", "admins at example", Duration.ofSeconds(1),
                new FakeTime())).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("expiry.mail-to is not");
        assertThat(ExpiryMail.through("127.0.0.1", 25, "gateway@dragongate.example", "a@x.example, b@y.example", Duration.ofSeconds(1),
                new FakeTime()).recipients()).isEqualTo("a@x.example, b@y.example");
    }
}
