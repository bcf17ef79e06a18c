package org.dragongate.api;

/** A change to the admin tokens that was refused, with a message an administrator can act on. */
public final class AdminTokenException extends RuntimeException {
    /** What was wrong; callers tell the refusals apart by this, not by the message. */
    public enum Problem {
        INVALID_INPUT,
        TOKEN_EXISTS,
        UNKNOWN_TOKEN,
        ALREADY_REVOKED
    }

    private final Problem problem;

    public AdminTokenException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
