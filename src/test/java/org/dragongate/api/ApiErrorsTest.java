package org.dragongate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.dragongate.directory.DirectoryException;
import org.dragongate.keys.GatewayKeyException;
import org.dragongate.store.RequestRefused;
import org.junit.jupiter.api.Test;

/** What each refusal of the services behind the API answers: a 4xx with the refusal's code and message, never a 500. */
class ApiErrorsTest {
    private final ApiErrors errors = new ApiErrors();

    @Test
    void everyDirectoryKeyAndRequestRefusalIsAClientErrorWithItsOwnCode() {
        Arrays.stream(DirectoryException.Problem.values()).forEach(problem ->
                assertClientError(errors.reply(new DirectoryException(problem, "why")), problem.name()));
        Arrays.stream(RequestRefused.Problem.values()).filter(p -> p != RequestRefused.Problem.UNKNOWN).forEach(problem ->
                assertClientError(errors.reply(new RequestRefused(problem, "why")), problem.name()));
        Arrays.stream(GatewayKeyException.Problem.values()).filter(p -> p != GatewayKeyException.Problem.UNREADABLE_KEY_STORE)
                .forEach(problem -> assertClientError(errors.reply(new GatewayKeyException(problem, "why")), problem.name()));
    }

    @Test
    void somethingUnknownIsNotFoundAndAClashIsAConflict() {
        assertThat(errors.reply(new RequestRefused(RequestRefused.Problem.UNKNOWN, "no entry Q-1")))
                .isEqualTo(ApiReply.error(404, "NOT_FOUND", "no entry Q-1"));
        assertThat(errors.reply(new RequestRefused(RequestRefused.Problem.NOT_ELIGIBLE, "discarded")).status()).isEqualTo(409);
        assertThat(errors.reply(new GatewayKeyException(GatewayKeyException.Problem.UNKNOWN_KEY, "no key")).status()).isEqualTo(404);
        assertThat(errors.reply(new GatewayKeyException(GatewayKeyException.Problem.LAST_ACTIVE_KEY, "last one")).status()).isEqualTo(409);
        assertThat(errors.reply(new DirectoryException(DirectoryException.Problem.UNKNOWN_CONTACT_POINT, "none")).status()).isEqualTo(404);
    }

    /** A stored key the configured password cannot open is the gateway's fault, and anything unexpected says only where to look. */
    @Test
    void theGatewaysOwnFailuresAre500WithoutTheirDetails() {
        assertThat(errors.reply(new GatewayKeyException(GatewayKeyException.Problem.UNREADABLE_KEY_STORE, "bad password")).status())
                .isEqualTo(500);
        ApiReply failure = errors.reply(new IllegalStateException("secret detail at /var/lib/dragongate"));
        assertThat(failure.status()).isEqualTo(500);
        ApiReply.Error body = (ApiReply.Error) failure.body();
        assertThat(body.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(body.message()).contains("reference").doesNotContain("secret detail").doesNotContain("IllegalStateException");
    }

    private static void assertClientError(ApiReply reply, String code) {
        assertThat(reply.status()).as(code).isBetween(400, 499);
        assertThat(((ApiReply.Error) reply.body()).code()).isEqualTo(code);
        assertThat(((ApiReply.Error) reply.body()).message()).isEqualTo("why");
    }
}
