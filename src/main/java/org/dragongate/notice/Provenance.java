package org.dragongate.notice;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.security.auth.x500.X500Principal;

/**
 * Where a notice came from, as the gateway established it: the partner whose certificate signed
 * the package, which certificate, which package, over which channel, and when. Written by the
 * gateway only; a sender cannot supply it.
 *
 * @param signerSubject the signer certificate's subject, RFC 2253
 * @param signerSerial  the signer certificate's serial number, lower-case hex
 * @param packageSha256 SHA-256 of the package as received, lower-case hex (the archive's key)
 * @param channel       {@code sftp} or {@code mail}
 */
public record Provenance(String partner, String signerSubject, String signerSerial, String packageSha256, String channel,
                         Instant receivedAt) {

    public static Provenance of(String partner, X509Certificate signer, String packageSha256, String channel, Instant receivedAt) {
        return new Provenance(partner, signer.getSubjectX500Principal().getName(X500Principal.RFC2253),
                serialHex(signer.getSerialNumber()), packageSha256, channel, receivedAt);
    }

    static String serialHex(BigInteger serial) {
        return serial.toString(16);
    }
}
