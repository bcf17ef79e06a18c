package org.dragongate.api;

import io.vertx.core.http.HttpServerRequest;
import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The first step of every authenticated API route: checks the request with {@link ApiAccess} and
 * leaves the caller in the exchange property {@value #CALLER} for the operation and the audit trail.
 *
 * <p>The headers are read from the HTTP request itself, not from the Camel message: Camel also
 * copies query parameters into message headers, so {@code ?Authorization=...} would otherwise
 * pass for the header, and a token would end up in URLs and access logs.
 */
public final class ApiGate {
    public static final String CALLER = "apiCaller";

    private final ApiAccess access;

    public ApiGate(ApiAccess access) {
        this.access = access;
    }

    /** For operations that only read: any valid token. */
    public void read(Exchange exchange) throws SQLException {
        exchange.setProperty(CALLER, access.reader(request(exchange).headers().getAll("Authorization")));
    }

    /** For operations that change something: an admin token, and JSON if there is a body. */
    public void write(Exchange exchange) throws SQLException {
        HttpServerRequest request = request(exchange);
        String length = request.getHeader("Content-Length");
        boolean hasBody = request.getHeader("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
        exchange.setProperty(CALLER, access.writer(request.headers().getAll("Authorization"), request.getHeader("Content-Type"), hasBody));
    }

    private static HttpServerRequest request(Exchange exchange) {
        if (exchange.getMessage() instanceof HttpMessage http) {
            return http.getRequest();
        }
        // Only the platform-http server calls these routes; anything else is refused rather than trusted.
        throw new ApiException(401, "UNAUTHENTICATED", "not an HTTP request");
    }
}
