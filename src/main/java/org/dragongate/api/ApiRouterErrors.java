package org.dragongate.api;

import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * What the HTTP server answers under {@code /api/} when no route takes the request (an unknown
 * path, or a method the path does not have: both 404): the API's JSON error instead of the
 * server's HTML page. (A body over {@code api.max-body-bytes} is refused by the server itself, with a
 * plain-text 413, before any route sees it.)
 */
public final class ApiRouterErrors {
    private static final String API = "/api/";

    private ApiRouterErrors() {
    }

    /** Installs the answers on the server's router; does nothing while the server is off (api.enabled=false). */
    public static void install(CamelContext context) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server != null && server.getRouter() != null) {
            install(server.getRouter());
        }
    }

    private static void install(VertxPlatformHttpRouter router) {
        ApiJson json = new ApiJson();
        // Last of all routes, whenever the others are added: what none of them takes under /api/. (An error handler
        // for 404 would not do: the server mounts this router under its root, whose own 404 page answers.)
        router.route(API + "*").last().handler(ctx -> answer(ctx, json, 404, "NOT_FOUND", "no such operation: " + ctx.request().method()
                + " " + shortened(ctx.request().path()) + " (GET /api/v1/openapi.yaml lists them)"));
    }

    private static void answer(RoutingContext ctx, ApiJson json, int status, String code, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(json.write(ApiReply.error(status, code, message).body()));
    }

    /** A path as the caller sent it, cut short: it goes back into the message, and need not go back whole. */
    private static String shortened(String path) {
        return path == null ? "" : path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }
}
