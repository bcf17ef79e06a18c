package org.dragongate.console;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.dragongate.console.ConsoleFiles.ConsoleFile;

/**
 * Answers the console route's HTTP requests with the console's files and the headers that keep a
 * browser strict with them: scripts and styles only from the gateway itself, no framing, no sniffing.
 * The files hold no data (the pages fetch it from the API with the admin's token), so they need no token.
 */
public final class ConsoleHttp {
    /** No inline script or style anywhere in the console: data from partners can never run as code. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleFiles files;

    public ConsoleHttp() {
        this(new ConsoleFiles());
    }

    public ConsoleHttp(ConsoleFiles files) {
        this.files = files;
    }

    /** Called by the console route with the request; the message becomes the response. */
    public void respond(Message message) {
        String path = message.getHeader(Exchange.HTTP_PATH, String.class);
        message.removeHeaders("*");
        if (ConsoleFiles.PATH.equals(path)) {
            // The pages' relative links need the trailing slash.
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 308);
            message.setHeader("Location", ConsoleFiles.PATH + "/");
            message.setBody(null);
            return;
        }
        Optional<ConsoleFile> file = files.find(path);
        message.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        // A new gateway version ships new files; the browser asks again each time (they are small).
        message.setHeader("Cache-Control", "no-cache");
        if (file.isEmpty()) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            message.setBody("No such console file.");
            return;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, file.get().contentType());
        message.setBody(file.get().content());
    }
}
