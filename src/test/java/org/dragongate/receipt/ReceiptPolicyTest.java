package org.dragongate.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.dragongate.refusal.RejectReason;
import org.junit.jupiter.api.Test;

/** Which refusals the sender hears about: only those raised after its signature was verified. */
class ReceiptPolicyTest {
    /** Raised while opening, before the signer is known to be the partner: no receipt, an admin alert. */
    private static final Set<String> BEFORE_VERIFICATION = Set.of("MALFORMED", "NOT_ENCRYPTED", "NOT_SIGNED", "NOT_FOR_US",
            "DECRYPTION_FAILED", "BAD_SIGNATURE", "UNKNOWN_SIGNER", "SIGNER_NOT_PARTNER", "CERT_EXPIRED", "CERT_NOT_YET_VALID",
            "CERT_REVOKED", "CERT_INVALID", "REVOCATION_UNKNOWN", "WEAK_ALGORITHM", "TOO_LARGE", "NO_PACKAGE", "UNKNOWN_SENDER");
    /**
     * Raised once the partner is verified: it gets a REJECTED receipt telling it what to fix. A signature by a
     * certificate the directory holds for the partner (revoked or out of its window now) verifies the partner too.
     */
    private static final Set<String> AFTER_VERIFICATION = Set.of("INVALID_NOTICE", "MALFORMED_DOCUMENT", "NO_CONTACT_POINT",
            "SIGNER_CERTIFICATE_REVOKED", "SIGNER_CERTIFICATE_EXPIRED", "SIGNER_CERTIFICATE_NOT_YET_VALID",
            "SIGNER_CERTIFICATE_OUTSIDE_USE_WINDOW");

    /** A reason added to the enum later fails here until someone decides which list it belongs to. */
    @Test
    void everyRejectReasonIsClassifiedExactlyOnce() {
        Set<String> all = Arrays.stream(RejectReason.values()).map(Enum::name).collect(Collectors.toSet());

        assertThat(BEFORE_VERIFICATION).doesNotContainAnyElementsOf(AFTER_VERIFICATION);
        assertThat(union()).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void sendsNoReceiptForAnyReasonRaisedBeforeTheSignatureIsVerified() {
        Set<RejectReason> receipted = EnumSet.noneOf(RejectReason.class);
        for (String name : BEFORE_VERIFICATION) {
            if (ReceiptPolicy.sendsReceipt(RejectReason.valueOf(name))) {
                receipted.add(RejectReason.valueOf(name));
            }
        }
        assertThat(receipted).isEmpty();
    }

    @Test
    void sendsAReceiptForEveryReasonRaisedAfterTheSignatureIsVerified() {
        for (String name : AFTER_VERIFICATION) {
            assertThat(ReceiptPolicy.sendsReceipt(RejectReason.valueOf(name))).as(name).isTrue();
        }
    }

    private static Set<String> union() {
        Set<String> union = new java.util.HashSet<>(BEFORE_VERIFICATION);
        union.addAll(AFTER_VERIFICATION);
        return union;
    }
}
