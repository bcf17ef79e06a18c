package org.dragongate.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.dragongate.testing.TestCertificates;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contact point that demands a client certificate: the gateway's mutual-TLS client gets through,
 * a client without the certificate never reaches the endpoint.
 */
class MutualTlsDeliveryIT {
    private static final String PATH = "/contact-points/VN-CUSTOMS-ASI";
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private WireMockServer contactPoint;
    private Path clientTrustStore;
    private SealedDelivery delivery;

    @BeforeEach
    void start() throws Exception {
        TestCertificates.Authority serverCa = TestCertificates.authority("Contact Point TLS CA", dir);
        TestCertificates.Issued server = serverCa.endEntity("localhost").dnsName("localhost")
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment).issue("server");
        Path serverKeyStore = store("server-keystore.p12", ks -> ks.setKeyEntry("server", server.privateKey(), STORE_PASSWORD,
                server.chain().toArray(Certificate[]::new)));
        // The contact point accepts clients certified by the gateway's CA.
        X509Certificate gatewayCa = org.dragongate.trust.CertificateFiles.certificate(TestPki.shared().gatewayFile("ca.pem"));
        Path serverTrustStore = store("server-truststore.p12", ks -> ks.setCertificateEntry("gateway-ca", gatewayCa));
        clientTrustStore = store("client-truststore.p12", ks -> ks.setCertificateEntry("server-ca", serverCa.certificate()));

        contactPoint = new WireMockServer(options().httpDisabled(true).httpsPort(0).bindAddress("127.0.0.1")
                .keystorePath(serverKeyStore.toString()).keystorePassword("changeit").keyManagerPassword("changeit").keystoreType("PKCS12")
                .needClientAuth(true).trustStorePath(serverTrustStore.toString()).trustStorePassword("changeit").trustStoreType("PKCS12")
                .notifier(new ConsoleNotifier(false)));
        contactPoint.start();
        contactPoint.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201)));
        DeliveryTarget target = new DeliveryTarget("VN-CUSTOMS-ASI", URI.create("https://localhost:" + contactPoint.httpsPort() + PATH), null, null);
        delivery = new SealedDelivery("N-2026-0001", target, new byte[] {0x30, 0x00});
    }

    @AfterEach
    void stop() {
        contactPoint.stop();
    }

    @Test
    void theGatewaysClientCertificateGetsTheDeliveryThrough() throws Exception {
        HttpClient mutual = MutualTls.client(TestPki.shared().gatewayFile("signing.p12"), TestPki.password(), clientTrustStore,
                STORE_PASSWORD, TIMEOUT);

        DeliveryOutcome outcome = new HttpDelivery(mutual, TIMEOUT, Clock.systemUTC()).send(delivery);

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(201));
        contactPoint.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void withoutTheClientCertificateNothingReachesTheContactPoint() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(clientTrustStore)) {
            trusted.load(in, STORE_PASSWORD);
        }
        trust.init(trusted);
        SSLContext serverTrustOnly = SSLContext.getInstance("TLS");
        serverTrustOnly.init(null, trust.getTrustManagers(), null);
        HttpClient anonymous = HttpClient.newBuilder().sslContext(serverTrustOnly).connectTimeout(TIMEOUT).build();

        DeliveryOutcome outcome = new HttpDelivery(anonymous, TIMEOUT, Clock.systemUTC()).send(delivery);

        assertThat(outcome).isNotInstanceOf(DeliveryOutcome.Delivered.class);
        contactPoint.verify(0, postRequestedFor(urlEqualTo(PATH)));
    }

    /** Each contact point gets the client it was configured with; the others share the plain one. */
    @Test
    void httpChannelsUseTheContactPointsOwnClient() throws Exception {
        HttpClient mutual = MutualTls.client(TestPki.shared().gatewayFile("signing.p12"), TestPki.password(), clientTrustStore,
                STORE_PASSWORD, TIMEOUT);
        HttpChannels channels = new HttpChannels(new HttpDelivery(TIMEOUT, TIMEOUT, Clock.systemUTC()),
                Map.of("VN-CUSTOMS-ASI", new HttpDelivery(mutual, TIMEOUT, Clock.systemUTC())));

        assertThat(channels.send(delivery)).isEqualTo(new DeliveryOutcome.Delivered(201));
    }

    private interface Filler {
        void fill(KeyStore store) throws Exception;
    }

    private Path store(String name, Filler filler) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        filler.fill(store);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD);
        }
        return file;
    }
}
