package org.dragongate.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Stands in for national contact points in the demo: {@code POST /contact-points/<ID>} writes the
 * body to {@code <dir>/<ID>/<n>.p7m}. The id must look like a contact point id, so a request path
 * can never name a folder outside {@code dir}.
 */
public final class ContactPointReceiver implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,63}");
    private static final String PREFIX = "/contact-points/";

    private final HttpServer server;
    private final AtomicLong counter = new AtomicLong();

    private ContactPointReceiver(HttpServer server) {
        this.server = server;
    }

    public static ContactPointReceiver start(int port, Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        ContactPointReceiver receiver = new ContactPointReceiver(server);
        server.createContext(PREFIX, exchange -> receiver.receive(exchange, dir));
        server.start();
        return receiver;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void receive(HttpExchange exchange, Path dir) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String id = exchange.getRequestURI().getPath().substring(PREFIX.length());
            if (!"POST".equals(exchange.getRequestMethod()) || !ID.matcher(id).matches()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Path folder = Files.createDirectories(dir.resolve(id));
            Files.copy(body, folder.resolve(System.currentTimeMillis() + "-" + counter.incrementAndGet() + ".p7m"));
            exchange.sendResponseHeaders(201, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
