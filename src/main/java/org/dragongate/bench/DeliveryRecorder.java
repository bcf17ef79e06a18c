package org.dragongate.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The contact points as the benchmark sees them: accepts every {@code POST /contact-points/<ID>},
 * keeps no body, and notes when each Idempotency-Key first arrived. The content is encrypted for the
 * contact point, so the key (notice id and contact point) is what ties a delivery to its package.
 */
final class DeliveryRecorder implements AutoCloseable {
    static final String PREFIX = "/contact-points/";

    private final HttpServer server;
    private final Map<String, Instant> firstArrival = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    private DeliveryRecorder(HttpServer server) {
        this.server = server;
    }

    static DeliveryRecorder start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        DeliveryRecorder recorder = new DeliveryRecorder(server);
        server.createContext(PREFIX, recorder::receive);
        server.start();
        return recorder;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (!"POST".equals(exchange.getRequestMethod()) || key == null) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            firstArrival.putIfAbsent(key, Instant.now());
            requests.incrementAndGet();
            exchange.sendResponseHeaders(201, -1);
        }
    }

    /** When each distinct Idempotency-Key first arrived. */
    Map<String, Instant> arrivals() {
        return Map.copyOf(firstArrival);
    }

    boolean hasAll(Iterable<String> keys) {
        for (String key : keys) {
            if (!firstArrival.containsKey(key)) {
                return false;
            }
        }
        return true;
    }

    /** Every POST taken, duplicates (a retried delivery) included. */
    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
