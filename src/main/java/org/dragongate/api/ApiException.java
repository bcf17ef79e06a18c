package org.dragongate.api;

/**
 * A request the API refuses, with its HTTP status, a stable code ({@code UPPER_SNAKE}) and a
 * message a person can act on. The API beans throw it; {@link ApiErrors} turns it into the reply.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "INVALID_INPUT", message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }
}
