package org.dragongate.trust;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * A partner agency allowed to send packages, with the certificates that decide which signers are
 * its own: trust anchors (its CA) and pinned signer certificates.
 *
 * @param allowLegacyKeyTransport accept RSA PKCS#1 v1.5 key transport from this partner (off by default)
 * @param mailAddresses           sender addresses that may carry this partner's packages
 * @param outOfUse                certificates registered for the partner but not accepted now (revoked, outside their
 *                                window of use): never trusted, only named in the refusal of a package signed with one
 */
public record Partner(
        String id,
        String name,
        List<X509Certificate> trustAnchors,
        List<X509Certificate> pinnedCertificates,
        List<X509CRL> crls,
        boolean allowLegacyKeyTransport,
        Set<String> mailAddresses,
        List<OutOfUseCertificate> outOfUse) {

    public Partner {
        trustAnchors = List.copyOf(trustAnchors);
        pinnedCertificates = List.copyOf(pinnedCertificates);
        crls = List.copyOf(crls);
        mailAddresses = Set.copyOf(mailAddresses);
        outOfUse = List.copyOf(outOfUse);
    }

    /** A partner whose every registered certificate is in use (a file, a test, the command line's {@code open}). */
    public Partner(String id, String name, List<X509Certificate> trustAnchors, List<X509Certificate> pinnedCertificates, List<X509CRL> crls,
                   boolean allowLegacyKeyTransport, Set<String> mailAddresses) {
        this(id, name, trustAnchors, pinnedCertificates, crls, allowLegacyKeyTransport, mailAddresses, List.of());
    }
}
