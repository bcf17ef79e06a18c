package org.dragongate.refusal;

import java.util.Objects;

/**
 * A package the gateway refuses, with a stable reason code and a message a person can act on.
 * The message never contains plaintext content or key material.
 */
public final class PackageRejected extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public PackageRejected(RejectReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public PackageRejected(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public RejectReason reason() {
        return reason;
    }

    /** The one-line form used on the command line, in receipts and in quarantine listings. */
    public String summary() {
        return "REJECTED " + reason + ": " + getMessage();
    }
}
