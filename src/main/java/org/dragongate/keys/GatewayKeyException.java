package org.dragongate.keys;

/**
 * A change to the gateway's keys that was refused, with a message an administrator can act on.
 * Unchecked so that it can leave a database transaction, which it then rolls back whole.
 */
public final class GatewayKeyException extends RuntimeException {
    /** What was wrong; tests and callers tell the refusals apart by this, not by the message. */
    public enum Problem {
        INVALID_INPUT,
        PASSWORD_REQUIRED,
        WRONG_PASSWORD,
        NOT_A_KEY,
        PRIVATE_KEY_MISSING,
        UNSUITABLE_KEY,
        EXPIRED,
        DUPLICATE,
        UNKNOWN_KEY,
        AMBIGUOUS_KEY,
        WRONG_STATE,
        LAST_ACTIVE_KEY,
        UNREADABLE_KEY_STORE
    }

    private final Problem problem;

    public GatewayKeyException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
