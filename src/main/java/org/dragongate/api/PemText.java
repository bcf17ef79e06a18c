package org.dragongate.api;

import java.nio.charset.StandardCharsets;

/**
 * PEM text from a request body: without any PEM block it is a 400 that shows the expected header;
 * what the block holds (a private key where a certificate belongs, say) is for the parser to refuse, by name.
 */
final class PemText {
    private PemText() {
    }

    /** @param header the block expected, e.g. {@code CERTIFICATE} or {@code X509 CRL} */
    static byte[] bytes(String pem, String header) {
        if (pem == null || !pem.contains("-----BEGIN")) {
            throw ApiException.badRequest("pem must hold PEM text (-----BEGIN " + header + "----- ...)");
        }
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
