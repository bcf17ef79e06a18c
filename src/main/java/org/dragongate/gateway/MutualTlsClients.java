package org.dragongate.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.dragongate.delivery.HttpDelivery;
import org.dragongate.delivery.MutualTls;
import org.dragongate.routing.ContactPoint;
import org.dragongate.routing.ContactPointDirectory;
import org.dragongate.routing.Credentials;

/**
 * The mutual-TLS client of each contact point whose credentials name a client certificate, made
 * once per certificate setting: those known at start are made at start (a missing file or variable
 * stops the gateway there), one added or changed in the directory later at its first delivery.
 */
final class MutualTlsClients implements Function<String, Optional<HttpDelivery>> {
    private record Made(Credentials.ClientCertificate certificate, HttpDelivery client) {
    }

    private final ContactPointDirectory directory;
    private final Path trustStore;
    private final char[] trustStorePassword;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Made> clients = new ConcurrentHashMap<>();

    MutualTlsClients(ContactPointDirectory directory, Path trustStore, char[] trustStorePassword, Duration timeout, Clock clock) {
        this.directory = directory;
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
        this.timeout = timeout;
        this.clock = clock;
        directory.all().forEach(contactPoint -> apply(contactPoint.id()));
    }

    @Override
    public Optional<HttpDelivery> apply(String contactPointId) {
        Optional<Credentials.ClientCertificate> wanted = directory.find(contactPointId).map(ContactPoint::credentials)
                .flatMap(Credentials::clientCertificate);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        Made made = clients.compute(contactPointId, (id, known) -> known != null && known.certificate().equals(wanted.get()) ? known
                : new Made(wanted.get(), client(id, wanted.get())));
        return Optional.of(made.client());
    }

    private HttpDelivery client(String contactPointId, Credentials.ClientCertificate certificate) {
        try {
            return new HttpDelivery(MutualTls.client(certificate.pkcs12(), certificate.password(System.getenv()), trustStore, trustStorePassword,
                    timeout), timeout, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("contact point " + contactPointId + ": " + e.getMessage(), e);
        }
    }
}
