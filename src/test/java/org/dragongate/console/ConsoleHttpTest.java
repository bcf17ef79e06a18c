package org.dragongate.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

class ConsoleHttpTest {
    private final ConsoleHttp http = new ConsoleHttp(new ConsoleFiles());

    @Test
    void aFileGoesOutWithItsTypeAndTheStrictPolicy() {
        Message message = request("/console/js/app.js");

        http.respond(message);

        assertThat(message.getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(message.getHeader(Exchange.CONTENT_TYPE)).isEqualTo("text/javascript; charset=utf-8");
        assertThat(message.getHeader("Content-Security-Policy", String.class)).contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(message.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(message.getBody(byte[].class)).isNotEmpty();
    }

    @Test
    void anUnknownFileIsNotFoundAndTheRequestHeadersDoNotEchoBack() {
        Message message = request("/console/secrets.js");
        message.setHeader("Authorization", "Bearer dg_x");

        http.respond(message);

        assertThat(message.getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(message.getHeaders()).doesNotContainKey("Authorization");
    }

    @Test
    void theBarePathRedirectsToTheFolderSoRelativeLinksWork() {
        Message message = request("/console");

        http.respond(message);

        assertThat(message.getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(308);
        assertThat(message.getHeader("Location")).isEqualTo("/console/");
    }

    private static Message request(String path) {
        Message message = new DefaultMessage(new DefaultCamelContext());
        message.setHeader(Exchange.HTTP_PATH, path);
        return message;
    }
}
