package org.dragongate.store;

/**
 * An administrator's request about a package (reprocess, discard, re-drive) that cannot be done as
 * asked, with a message saying why and what to do instead. Unchecked so that it can leave a
 * database transaction, which it then rolls back whole.
 */
public final class RequestRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was wrong; callers (the command line, the REST API) tell the refusals apart by this, not by the message. */
    public enum Problem {
        /** No entry or package by that id. */
        UNKNOWN,
        /** A prefix that names several packages. */
        AMBIGUOUS,
        /** The entry or package is not in a state that allows it (discarded, accepted, not failed). */
        NOT_ELIGIBLE,
        /** A request for it is already waiting for the gateway. */
        ALREADY_REQUESTED,
        INVALID_INPUT
    }

    private final Problem problem;

    public RequestRefused(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
