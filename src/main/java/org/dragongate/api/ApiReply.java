package org.dragongate.api;

/**
 * What an API operation answers: the HTTP status and the value written as JSON. An operation that
 * returns any other value answers 200 with it.
 */
public record ApiReply(int status, Object body) {
    /** The body of every error: {@code {"code": "UPPER_SNAKE_REASON", "message": "what a person can do"}}. */
    public record Error(String code, String message) {
    }

    public static ApiReply created(Object body) {
        return new ApiReply(201, body);
    }

    /** 202: the request is taken; a gateway instance carries it out shortly. */
    public static ApiReply accepted(Object body) {
        return new ApiReply(202, body);
    }

    public static ApiReply error(int status, String code, String message) {
        return new ApiReply(status, new Error(code, message));
    }
}
