package org.dragongate.receipt;

import org.dragongate.refusal.RejectReason;

/**
 * Whether a refused package gets a receipt. Only once the sender's signature is verified do we know
 * who sent it; before that, the claimed sender may be someone else's address or folder, and a
 * receipt would tell a stranger (or reflect an attacker's traffic at a partner). Those packages are
 * quarantined and the admins alerted instead ({@link ReceiptSender#alertUnverified}).
 */
public final class ReceiptPolicy {
    private ReceiptPolicy() {
    }

    /** The switch has no default: a new reason does not compile until someone decides which side it is on. */
    public static boolean sendsReceipt(RejectReason reason) {
        return switch (reason) {
            // Raised while opening: decryption, signature, signer trust, limits, mail channel checks.
            case MALFORMED, NOT_ENCRYPTED, NOT_SIGNED, NOT_FOR_US, DECRYPTION_FAILED, BAD_SIGNATURE, UNKNOWN_SIGNER,
                    SIGNER_NOT_PARTNER, CERT_EXPIRED, CERT_NOT_YET_VALID, CERT_REVOKED, CERT_INVALID, REVOCATION_UNKNOWN,
                    WEAK_ALGORITHM, TOO_LARGE, NO_PACKAGE, UNKNOWN_SENDER -> false;
            // Raised after the signature held: the partner is known and is told what to fix. A certificate the directory
            // holds for the partner, out of use now, proves whose the signature is as well; the receipt goes over the
            // partner's own channel and names the certificate to replace.
            case INVALID_NOTICE, MALFORMED_DOCUMENT, NO_CONTACT_POINT, SIGNER_CERTIFICATE_REVOKED, SIGNER_CERTIFICATE_EXPIRED,
                    SIGNER_CERTIFICATE_NOT_YET_VALID, SIGNER_CERTIFICATE_OUTSIDE_USE_WINDOW -> true;
        };
    }
}
