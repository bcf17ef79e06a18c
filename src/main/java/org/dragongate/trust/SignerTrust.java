package org.dragongate.trust;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dragongate.crypto.Certificates;
import org.dragongate.crypto.CryptoProviders;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;

/**
 * Decides which partner a signer certificate belongs to: pinned for the partner, or chaining with
 * PKIX to one of its trust anchors, valid now, not revoked by the partner's CRLs, and allowed to
 * sign. A signer that belongs to another partner than the channel claims is named as such.
 */
public final class SignerTrust {
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    /**
     * How long a successful path validation is reused for the same signer. Any change to the partner
     * (a new CRL, a removed anchor) replaces its record and so takes effect at once; revocation
     * within one CRL is only known when a new CRL is imported anyway.
     */
    static final Duration VALIDATION_REUSE = Duration.ofMinutes(5);

    private record Validated(Partner partner, Instant until) {
    }

    private final PartnerDirectory directory;
    private final Clock clock;
    private final Provider bc;
    private final Map<String, Validated> validated = new ConcurrentHashMap<>();

    public SignerTrust(PartnerDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.bc = CryptoProviders.bouncyCastle();
    }

    /**
     * @param packageCertificates certificates the package carried: hints for building the path, never trusted by themselves
     * @return the claimed partner, when the signer is its own
     */
    public Partner establish(X509Certificate signer, Collection<X509Certificate> packageCertificates, String claimedPartnerId)
            throws PackageRejected {
        Instant now = clock.instant();
        Partner claimed = directory.find(claimedPartnerId).orElseThrow(() -> new PackageRejected(RejectReason.UNKNOWN_SIGNER,
                "the channel belongs to partner '" + claimedPartnerId + "', which is not registered with the gateway or is suspended"));
        checkValidity(signer, now, "signer certificate");
        checkKeyUsage(signer);

        String cacheKey = claimed.id() + "/" + Certificates.fingerprint(signer);
        Validated earlier = validated.get(cacheKey);
        if (earlier != null && earlier.partner() == claimed && now.isBefore(earlier.until())) {
            return claimed;
        }
        PackageRejected claimedFailure = trustedBy(claimed, signer, packageCertificates, now);
        if (claimedFailure == null) {
            Instant until = now.plus(VALIDATION_REUSE);
            validated.put(cacheKey, new Validated(claimed,
                    until.isAfter(signer.getNotAfter().toInstant()) ? signer.getNotAfter().toInstant() : until));
            return claimed;
        }
        if (claimedFailure.reason() != RejectReason.UNKNOWN_SIGNER) {
            throw claimedFailure;
        }
        for (Partner other : directory.all()) {
            if (!other.id().equals(claimed.id()) && trustedBy(other, signer, packageCertificates, now) == null) {
                throw new PackageRejected(RejectReason.SIGNER_NOT_PARTNER, "the package is signed by "
                        + Certificates.describe(signer) + " of partner '" + other.id() + "' but arrived on the channel of partner '"
                        + claimed.id() + "'; each partner must send over its own account with its own certificate");
            }
        }
        throw claimedFailure;
    }

    /** @return null when {@code partner} trusts the signer, otherwise why not */
    private PackageRejected trustedBy(Partner partner, X509Certificate signer, Collection<X509Certificate> hints, Instant now) {
        PackageRejected revoked = revokedByPartnerCrl(partner, signer);
        if (revoked != null) {
            return revoked;
        }
        if (partner.pinnedCertificates().contains(signer)) {
            return null;
        }
        if (partner.trustAnchors().isEmpty()) {
            return unknown(signer, partner);
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate anchor : partner.trustAnchors()) {
                anchors.add(new TrustAnchor(anchor, null));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            List<Object> material = new ArrayList<>(hints);
            material.add(signer);
            material.addAll(partner.crls());
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(material)));
            // A partner with CRLs gets revocation checked on every link; a missing CRL then refuses, never passes.
            params.setRevocationEnabled(!partner.crls().isEmpty());
            params.setDate(Date.from(now));
            CertPathBuilder.getInstance("PKIX", bc).build(params);
            return null;
        } catch (CertPathBuilderException e) {
            return classify(e, signer, partner);
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("PKIX path building is unavailable", e);
        }
    }

    private PackageRejected revokedByPartnerCrl(Partner partner, X509Certificate signer) {
        for (X509CRL crl : partner.crls()) {
            if (!crl.getIssuerX500Principal().equals(signer.getIssuerX500Principal()) || !issuedBy(crl, partner, signer)) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(signer);
            if (entry != null) {
                String reason = entry.getRevocationReason() == null ? "unspecified" : entry.getRevocationReason().name();
                return new PackageRejected(RejectReason.CERT_REVOKED, "signer certificate " + Certificates.describe(signer)
                        + " was revoked on " + entry.getRevocationDate().toInstant() + " (reason: " + reason
                        + "); the partner must sign with a valid certificate and register it with the gateway administrators");
            }
        }
        return null;
    }

    /** The CRL counts only if signed by a CA the partner trusts; a forged CRL must not be able to name a revocation. */
    private static boolean issuedBy(X509CRL crl, Partner partner, X509Certificate signer) {
        for (X509Certificate anchor : partner.trustAnchors()) {
            try {
                crl.verify(anchor.getPublicKey());
                return true;
            } catch (java.security.GeneralSecurityException ignored) {
                // not this anchor
            }
        }
        return false;
    }

    private PackageRejected classify(CertPathBuilderException e, X509Certificate signer, Partner partner) {
        String text = causeText(e).toLowerCase(Locale.ROOT);
        if (text.contains("revoked") || text.contains("revocation after")) {
            return new PackageRejected(RejectReason.CERT_REVOKED, "a certificate in the chain of " + Certificates.describe(signer)
                    + " is revoked; the partner must sign with a valid certificate");
        }
        if (text.contains("no crls found") || text.contains("no valid crl") || text.contains("crl")) {
            return new PackageRejected(RejectReason.REVOCATION_UNKNOWN, "the revocation status of " + Certificates.describe(signer)
                    + " cannot be determined: no current CRL for its issuer is registered for partner '" + partner.id()
                    + "'; the administrators must import a fresh CRL");
        }
        if (text.contains("expired")) {
            return new PackageRejected(RejectReason.CERT_EXPIRED, "a CA certificate in the chain of " + Certificates.describe(signer)
                    + " has expired; the partner must renew its CA and register the new one");
        }
        return unknown(signer, partner);
    }

    private static PackageRejected unknown(X509Certificate signer, Partner partner) {
        return new PackageRejected(RejectReason.UNKNOWN_SIGNER, "signer certificate " + Certificates.describe(signer)
                + " issued by '" + signer.getIssuerX500Principal().getName() + "' is neither pinned for partner '" + partner.id()
                + "' nor issued under one of its trust anchors; the partner must register this certificate or its CA with the gateway administrators");
    }

    private static String causeText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }

    static void checkValidity(X509Certificate certificate, Instant at, String role) throws PackageRejected {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            throw new PackageRejected(RejectReason.CERT_EXPIRED, role + " " + Certificates.describe(certificate) + " expired on "
                    + certificate.getNotAfter().toInstant() + "; the partner must sign with its current certificate and register it with the gateway administrators");
        } catch (CertificateNotYetValidException e) {
            throw new PackageRejected(RejectReason.CERT_NOT_YET_VALID, role + " " + Certificates.describe(certificate)
                    + " is not valid before " + certificate.getNotBefore().toInstant() + "; sign with a certificate that is valid now, or check the partner's clock");
        }
    }

    private static void checkKeyUsage(X509Certificate signer) throws PackageRejected {
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && !(usage.length > NON_REPUDIATION && (usage[DIGITAL_SIGNATURE] || usage[NON_REPUDIATION]))) {
            throw new PackageRejected(RejectReason.CERT_INVALID, "signer certificate " + Certificates.describe(signer)
                    + " is not allowed to sign (key usage lacks digitalSignature); the partner must sign with its signing certificate");
        }
    }
}
