package org.dragongate.expiry;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import org.dragongate.crypto.Certificates;

/**
 * A certificate the expiry watch keeps an eye on, with whose it is and what it is for.
 *
 * @param ownerId partner id, contact point id, or the gateway key's name
 * @param purpose what the owner uses it for ("pinned signer", "encryption", "signing", ...), for people to read
 * @param sha256  fingerprint of the DER encoding, lower-case hex
 */
public record WatchedCertificate(OwnerKind ownerKind, String ownerId, String purpose, String sha256, String subject, Instant notAfter) {
    public WatchedCertificate {
        Objects.requireNonNull(ownerKind, "ownerKind");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(notAfter, "notAfter");
    }

    /** The use of the gateway's own client certificate toward a contact point's HTTPS endpoint. */
    public static final String MUTUAL_TLS_CLIENT = "mutual TLS client";

    /** What an administrator does before it expires, one sentence for the warning mail. */
    public String advice() {
        if (MUTUAL_TLS_CLIENT.equals(purpose)) {
            return "renew the gateway's client certificate for contact point " + ownerId + " with the CA the contact point trusts, and"
                    + " replace its PKCS#12 file on the gateway's hosts ('contact-point show " + ownerId + "' names the file)";
        }
        return ownerKind.advice(ownerId);
    }

    public static WatchedCertificate of(OwnerKind ownerKind, String ownerId, String purpose, X509Certificate certificate) {
        return new WatchedCertificate(ownerKind, ownerId, purpose, Certificates.fingerprint(certificate),
                certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant());
    }

    /** The first 16 hex digits: enough to find it with 'cert list', short enough for a log line. */
    public String shortSha256() {
        return sha256.substring(0, Math.min(16, sha256.length()));
    }
}
