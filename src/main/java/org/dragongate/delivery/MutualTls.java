package org.dragongate.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTP clients that present a client certificate (mutual TLS), one per contact point that asks for
 * one. Servers are trusted through the JVM's trust store, or through the gateway's own when set.
 */
public final class MutualTls {
    private MutualTls() {
    }

    /**
     * @param trustStore PKCS#12 trust store for contact-point servers, or null for the JVM's default
     */
    public static HttpClient client(Path clientPkcs12, char[] password, Path trustStore, char[] trustStorePassword,
                                    Duration connectTimeout) throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(clientPkcs12, password), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore == null ? null : load(trustStore, trustStorePassword));
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(connectTimeout)
                    .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up mutual TLS with " + clientPkcs12 + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path pkcs12, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, password);
        }
        return store;
    }
}
