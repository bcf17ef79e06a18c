package org.dragongate.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Who may call the API: every operation needs a valid admin token ({@code Authorization: Bearer
 * <token>}), and an operation that changes anything needs the admin role and a JSON body, if any.
 * Refusals are {@link ApiException}s: 401 without a valid token (missing, garbled, unknown and
 * revoked look alike to the caller), 403 for an auditor's write, 415 for a body that is not JSON.
 */
public final class ApiAccess {
    private static final String BEARER = "bearer ";

    private final AdminTokens tokens;

    public ApiAccess(AdminTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * @param authorization every Authorization header of the request (more than one is refused)
     */
    public ApiCaller reader(List<String> authorization) throws SQLException {
        if (authorization == null || authorization.isEmpty()) {
            throw new ApiException(401, "UNAUTHENTICATED",
                    "send an admin token as 'Authorization: Bearer <token>' ('admin-token create' makes one)");
        }
        String header = authorization.size() == 1 ? authorization.get(0).strip() : "";
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new ApiException(401, "UNAUTHENTICATED", "the Authorization header must be one 'Bearer <token>'");
        }
        return tokens.authenticate(header.substring(BEARER.length()).strip()).orElseThrow(() -> new ApiException(401, "INVALID_TOKEN",
                "the token is not valid: unknown, revoked or mistyped ('admin-token list' shows the tokens and whether they are revoked)"));
    }

    /**
     * @param contentType the request's Content-Type, or null
     * @param hasBody     whether the request carries a body
     */
    public ApiCaller writer(List<String> authorization, String contentType, boolean hasBody) throws SQLException {
        ApiCaller caller = reader(authorization);
        if (!caller.role().mayWrite()) {
            throw new ApiException(403, "FORBIDDEN", "token " + caller.name() + " has the role " + caller.role().word()
                    + ", which only reads; this operation needs an admin token");
        }
        if ((hasBody || contentType != null) && !isJson(contentType)) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as JSON with 'Content-Type: application/json'"
                    + (contentType == null ? "" : ", not " + contentType));
        }
        return caller;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }
}
