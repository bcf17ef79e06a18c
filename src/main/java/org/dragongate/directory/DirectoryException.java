package org.dragongate.directory;

/**
 * A change to the partner or contact-point directory that was refused, with a message an administrator can act on.
 * Unchecked so that it can leave a database transaction, which it then rolls back whole.
 */
public final class DirectoryException extends RuntimeException {
    /** What was wrong; tests and callers tell the refusals apart by this, not by the message. */
    public enum Problem {
        UNKNOWN_PARTNER,
        PARTNER_EXISTS,
        UNKNOWN_CONTACT_POINT,
        CONTACT_POINT_EXISTS,
        MAIL_ADDRESS_TAKEN,
        INVALID_INPUT,
        NOT_A_CERTIFICATE,
        PRIVATE_KEY,
        PASSWORD_REQUIRED,
        WRONG_PASSWORD,
        EXPIRED,
        WINDOW_OUTSIDE_VALIDITY,
        DUPLICATE,
        UNKNOWN_CERTIFICATE,
        AMBIGUOUS_CERTIFICATE,
        ALREADY_REVOKED,
        NOT_A_CRL,
        STALE_CRL
    }

    private final Problem problem;

    public DirectoryException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
