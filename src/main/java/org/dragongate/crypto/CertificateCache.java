package org.dragongate.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * The JCA form of certificates that packages carry, by their exact encoding. A partner's packages
 * carry the same few certificates over and over, and parsing them again for each package showed in
 * the profile; the key is the whole encoding, so a different certificate can never be served.
 */
final class CertificateCache {
    private static final int SIZE = 512;

    private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    private final Map<ByteBuffer, X509Certificate> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, X509Certificate> eldest) {
            return size() > SIZE;
        }
    };

    X509Certificate of(X509CertificateHolder holder) throws CertificateException, IOException {
        ByteBuffer key = ByteBuffer.wrap(holder.getEncoded());
        synchronized (cache) {
            X509Certificate known = cache.get(key);
            if (known != null) {
                return known;
            }
        }
        X509Certificate certificate = converter.getCertificate(holder);
        synchronized (cache) {
            cache.put(key, certificate);
        }
        return certificate;
    }
}
