package org.dragongate.api;

import java.util.UUID;
import org.dragongate.directory.DirectoryException;
import org.dragongate.keys.GatewayKeyException;
import org.dragongate.store.RequestRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever an API operation threw into the reply the caller gets: a status and
 * {@code {code, message}}. A refusal says what to do; anything unexpected is a 500 with a reference
 * to the log line that holds the details, never the exception itself.
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    public ApiReply reply(Throwable failure) {
        if (failure instanceof ApiException e) {
            return ApiReply.error(e.status(), e.code(), e.getMessage());
        }
        if (failure instanceof DirectoryException e) {
            return ApiReply.error(status(e.problem()), e.problem().name(), e.getMessage());
        }
        if (failure instanceof RequestRefused e) {
            return ApiReply.error(status(e.problem()), e.problem() == RequestRefused.Problem.UNKNOWN ? "NOT_FOUND" : e.problem().name(),
                    e.getMessage());
        }
        if (failure instanceof GatewayKeyException e) {
            return ApiReply.error(status(e.problem()), e.problem().name(), e.getMessage());
        }
        if (failure instanceof AdminTokenException e) {
            return ApiReply.error(e.problem() == AdminTokenException.Problem.UNKNOWN_TOKEN ? 404
                    : e.problem() == AdminTokenException.Problem.INVALID_INPUT ? 400 : 409, e.problem().name(), e.getMessage());
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("API request failed (reference {})", reference, failure);
        return ApiReply.error(500, "INTERNAL_ERROR", "the gateway could not complete the request; its log has the details under reference "
                + reference);
    }

    static int status(RequestRefused.Problem problem) {
        return switch (problem) {
            case UNKNOWN -> 404;
            case NOT_ELIGIBLE, ALREADY_REQUESTED -> 409;
            case AMBIGUOUS, INVALID_INPUT -> 400;
        };
    }

    static int status(GatewayKeyException.Problem problem) {
        return switch (problem) {
            case UNKNOWN_KEY -> 404;
            case DUPLICATE, WRONG_STATE, LAST_ACTIVE_KEY -> 409;
            case INVALID_INPUT, AMBIGUOUS_KEY -> 400;
            case PASSWORD_REQUIRED, WRONG_PASSWORD, NOT_A_KEY, PRIVATE_KEY_MISSING, UNSUITABLE_KEY, EXPIRED -> 422;
            // the key password does not open a stored key: the gateway's configuration, not the request
            case UNREADABLE_KEY_STORE -> 500;
        };
    }

    /** 404 for what does not exist, 409 for a clash with what does, 422 for content that is well-formed but not acceptable. */
    static int status(DirectoryException.Problem problem) {
        return switch (problem) {
            case UNKNOWN_PARTNER, UNKNOWN_CONTACT_POINT, UNKNOWN_CERTIFICATE -> 404;
            case PARTNER_EXISTS, CONTACT_POINT_EXISTS, MAIL_ADDRESS_TAKEN, DUPLICATE, ALREADY_REVOKED, STALE_CRL -> 409;
            case INVALID_INPUT, AMBIGUOUS_CERTIFICATE -> 400;
            case NOT_A_CERTIFICATE, PRIVATE_KEY, PASSWORD_REQUIRED, WRONG_PASSWORD, EXPIRED, WINDOW_OUTSIDE_VALIDITY, NOT_A_CRL -> 422;
        };
    }
}
