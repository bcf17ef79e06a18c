package org.dragongate.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every authenticated API route, just before the server answers: writes the
 * operation's value (or {@link ApiReply}) as JSON with its status. The request's headers are
 * dropped first, since the server would otherwise echo them back in the response.
 */
public final class ApiReplies {
    private static final Logger LOG = LoggerFactory.getLogger(ApiReplies.class);
    /** Written when even the reply cannot be: a fixed text, so that this step itself cannot fail. */
    private static final String UNWRITABLE = "{\"code\":\"INTERNAL_ERROR\",\"message\":\"the gateway could not write its reply; see its log\"}";

    private static final String WRITTEN = "apiReplyWritten";

    private final ApiJson json;

    public ApiReplies(ApiJson json) {
        this.json = json;
    }

    /** Writes the reply once: a refusal is written as soon as it is made, and the step that ends every route then leaves it. */
    public void write(Exchange exchange) {
        if (exchange.getProperty(WRITTEN, false, Boolean.class)) {
            return;
        }
        exchange.setProperty(WRITTEN, true);
        Message message = exchange.getMessage();
        ApiReply reply = message.getBody() instanceof ApiReply r ? r : new ApiReply(200, message.getBody());
        String body;
        int status = reply.status();
        try {
            body = json.write(reply.body());
        } catch (RuntimeException e) {
            LOG.error("API reply of {} cannot be written as JSON", exchange.getFromRouteId(), e);
            body = UNWRITABLE;
            status = 500;
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Cache-Control", "no-store");
        if (status == 401) {
            message.setHeader("WWW-Authenticate", "Bearer realm=\"dragongate\"");
        }
        message.setBody(body);
    }
}
