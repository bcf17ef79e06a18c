package org.dragongate.crypto;

import java.security.cert.X509Certificate;

/** How a certificate is named in messages: subject and serial, enough for an admin to find it. */
public final class Certificates {
    private Certificates() {
    }

    public static String describe(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "' (serial " + certificate.getSerialNumber().toString(16) + ")";
    }
}
