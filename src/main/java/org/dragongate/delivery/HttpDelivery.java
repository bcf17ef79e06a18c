package org.dragongate.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * Delivers by HTTP POST with the JDK client. The {@code Idempotency-Key} is the same on every
 * attempt, so a contact point that got a request whose answer we never saw can drop the repeat.
 * Response bodies are discarded unread: nothing a contact point sends back reaches logs or reasons.
 */
public final class HttpDelivery implements DeliveryChannel {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final String MEDIA_TYPE = "application/pkcs7-mime";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    public HttpDelivery() {
        this(DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    public HttpDelivery(Duration connectTimeout, Duration requestTimeout, Clock clock) {
        // HTTP/1.1: no h2c upgrade dance on plain http; redirects are not followed, so a token never goes elsewhere.
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout).build(), requestTimeout, clock);
    }

    /** @param client a client with its own TLS settings (e.g. a client certificate for mutual TLS) */
    public HttpDelivery(HttpClient client, Duration requestTimeout, Clock clock) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    @Override
    public DeliveryOutcome send(SealedDelivery delivery) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.target().endpoint())
                .timeout(requestTimeout)
                .header("Content-Type", MEDIA_TYPE)
                .header(IDEMPOTENCY_KEY, delivery.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        if (delivery.target().bearerToken() != null) {
            request.header("Authorization", "Bearer " + delivery.target().bearerToken());
        }
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return outcome(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null));
        } catch (HttpTimeoutException e) {
            // Also HttpConnectTimeoutException. The server may have taken the request: the idempotency key covers the retry.
            return new DeliveryOutcome.RetryLater("timeout", null);
        } catch (ConnectException e) {
            return new DeliveryOutcome.RetryLater("connection refused", null);
        } catch (IOException e) {
            // Reset, closed mid-response, TLS failure: the exception's message may quote server text, so only its type is kept.
            return new DeliveryOutcome.RetryLater("connection failed (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    DeliveryOutcome outcome(int status, String retryAfter) {
        String reason = "HTTP " + status;
        if (status >= 200 && status < 300) {
            return new DeliveryOutcome.Delivered(status);
        }
        if (status >= 500 || status == 408 || status == 429) {
            return new DeliveryOutcome.RetryLater(reason, RetryAfter.parse(retryAfter, clock.instant()));
        }
        if (status >= 300 && status < 400) {
            // The directory holds the wrong endpoint; following it blindly would hand notice and token to another host.
            return new DeliveryOutcome.Rejected(status, reason + " (redirect not followed: fix the contact point's endpoint)");
        }
        return new DeliveryOutcome.Rejected(status, reason);
    }
}
