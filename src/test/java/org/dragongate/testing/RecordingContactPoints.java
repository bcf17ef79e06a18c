package org.dragongate.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every contact point at once, as WireMock on a loopback port answering 201 to each delivery, and
 * what they received, grouped by Idempotency-Key: the copies a contact point keeps one of.
 */
public final class RecordingContactPoints implements AutoCloseable {
    private final WireMockServer server;

    private RecordingContactPoints(WireMockServer server) {
        this.server = server;
    }

    public static RecordingContactPoints start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
        server.start();
        server.stubFor(post(urlMatching("/contact-points/.*")).willReturn(aResponse().withStatus(201)));
        return new RecordingContactPoints(server);
    }

    public int port() {
        return server.port();
    }

    /** Every delivery that was answered 2xx, including copies re-sent under the same key. */
    public List<ServeEvent> deliveries() {
        return server.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() / 100 == 2).toList();
    }

    public Map<String, List<ServeEvent>> byIdempotencyKey() {
        Map<String, List<ServeEvent>> byKey = new HashMap<>();
        for (ServeEvent event : deliveries()) {
            byKey.computeIfAbsent(event.getRequest().getHeader("Idempotency-Key"), k -> new ArrayList<>()).add(event);
        }
        return byKey;
    }

    @Override
    public void close() {
        server.stop();
    }
}
