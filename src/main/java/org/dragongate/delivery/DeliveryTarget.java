package org.dragongate.delivery;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * What delivery needs to know about a contact point: where to send (an {@code https} URL, an
 * {@code sftp://user@host:port/folder} location or a {@code mailto:} address), whom to encrypt for,
 * how to authenticate over HTTP. The routing directory's contact point maps onto this.
 *
 * @param encryptionCertificate null when the contact point takes signed-only deliveries
 * @param bearerToken           null when the endpoint needs no token
 */
public record DeliveryTarget(String contactPointId, URI endpoint, X509Certificate encryptionCertificate, String bearerToken) {
    public DeliveryTarget {
        SealedDelivery.requireSafeId(contactPointId, "contact point id");
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("https", "http", "sftp", "mailto").contains(scheme)) {
            throw new IllegalArgumentException("contact point " + contactPointId + ": the endpoint must be an https, sftp or mailto URI");
        }
        // Secrets in the URI would end up in dead-letter entries and logs. An SFTP user name is no secret;
        // its password or key is the gateway's own, configured once (delivery.sftp.*).
        String userInfo = endpoint.getRawUserInfo();
        if (userInfo != null && (!"sftp".equals(scheme) || userInfo.contains(":"))) {
            throw new IllegalArgumentException("contact point " + contactPointId + ": put credentials in the bearer token or the gateway's "
                    + "SFTP settings, not in the URI");
        }
    }

    /** Says whether there is a token without showing it: records print every field, and this one is a secret. */
    @Override
    public String toString() {
        return "DeliveryTarget[" + contactPointId + " " + endpoint + (encryptionCertificate == null ? ", signed only" : ", encrypted")
                + (bearerToken == null ? "" : ", bearer token") + "]";
    }
}
