package org.dragongate.delivery;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * What delivery needs to know about a contact point: where to POST, whom to encrypt for, how to
 * authenticate. The routing directory's contact point maps onto this.
 *
 * @param encryptionCertificate null when the contact point takes signed-only deliveries
 * @param bearerToken           null when the endpoint needs no token
 */
public record DeliveryTarget(String contactPointId, URI endpoint, X509Certificate encryptionCertificate, String bearerToken) {
    public DeliveryTarget {
        SealedDelivery.requireSafeId(contactPointId, "contact point id");
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("contact point " + contactPointId + ": the endpoint must be an http(s) URL");
        }
        // Credentials in the URL would end up in dead-letter entries and logs; they belong in the bearer token.
        if (endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("contact point " + contactPointId + ": put credentials in the bearer token, not in the URL");
        }
    }

    /** Says whether there is a token without showing it: records print every field, and this one is a secret. */
    @Override
    public String toString() {
        return "DeliveryTarget[" + contactPointId + " " + endpoint + (encryptionCertificate == null ? ", signed only" : ", encrypted")
                + (bearerToken == null ? "" : ", bearer token") + "]";
    }
}
