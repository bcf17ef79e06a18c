package org.dragongate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.dragongate.testing.GatewayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** api.enabled=false: the gateway runs its flow with the API's route file in place, and nothing listens for the API. */
class AdminApiDisabledIT {
    @TempDir
    Path base;

    @Test
    void theGatewayRunsWithoutTheApiServer() throws Exception {
        int port = GatewayFixture.freeLoopbackPort();
        try (GatewayFixture gw = GatewayFixture.start(base)) {
            gw.startGateway(Map.of("camel.main.routes-include-pattern", GatewayFixture.SFTP_ROUTES + ",file:routes/api.camel.yaml",
                    "api.enabled", "false", "api.port", Integer.toString(port)));

            for (String intake : new String[] {"sftp-intake-0", "sftp-intake-1"}) {
                assertThat(gw.gateway().getCamelContext().getRouteController().getRouteStatus(intake)).as(intake).isEqualTo(ServiceStatus.Started);
            }
            assertThat(gw.gateway().getCamelContext().getRestRegistry().size()).isZero();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/partners")).build();
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(ConnectException.class);
        }
    }
}
