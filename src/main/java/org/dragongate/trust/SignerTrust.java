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
 * sign. A signer that belongs to another partner than the channel claims is named as such; one
 * whose registered certificate (pinned, or the CA it chains to) the administrators revoked or
 * whose window of use is over is named with that certificate, the date and what to do.
 *
 * <p>Revocation is checked when the partner holds CRLs or its CA publishes one (the signer or the
 * anchor names a CRL distribution point). When no current CRL can say, the {@link RevocationPolicy}
 * decides: refuse, or accept with a waiver the caller puts on the audit trail.
 */
public final class SignerTrust {
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int FINGERPRINT_PREFIX = 16;

    /**
     * How long a successful path validation is reused for the same signer. Any change to the partner
     * (a new CRL, a removed anchor) replaces its record and so takes effect at once; revocation
     * within one CRL is only known when a new CRL is imported anyway.
     */
    static final Duration VALIDATION_REUSE = Duration.ofMinutes(5);

    /**
     * A signer its partner trusts.
     *
     * @param revocationWaiver null when revocation was checked (or not required); otherwise why it could not be, accepted
     *                         under {@link RevocationPolicy#ACCEPT_AUDITED}, for the package's audit record
     */
    public record Trusted(Partner partner, String revocationWaiver) {
    }

    private record Validated(Partner partner, Instant until, String waiver) {
    }

    /** Either a trusted signer (with any waiver) or the reason it is not. */
    private record Verdict(PackageRejected refusal, String waiver) {
        static final Verdict TRUSTED = new Verdict(null, null);

        static Verdict refused(PackageRejected refusal) {
            return new Verdict(refusal, null);
        }
    }

    private final PartnerDirectory directory;
    private final Clock clock;
    private final RevocationPolicy revocation;
    private final Provider bc;
    private final Map<String, Validated> validated = new ConcurrentHashMap<>();

    public SignerTrust(PartnerDirectory directory, Clock clock) {
        this(directory, clock, RevocationPolicy.REFUSE);
    }

    public SignerTrust(PartnerDirectory directory, Clock clock, RevocationPolicy revocation) {
        this.directory = directory;
        this.clock = clock;
        this.revocation = revocation;
        this.bc = CryptoProviders.bouncyCastle();
    }

    /**
     * @param packageCertificates certificates the package carried: hints for building the path, never trusted by themselves
     * @return the claimed partner, when the signer is its own
     */
    public Partner establish(X509Certificate signer, Collection<X509Certificate> packageCertificates, String claimedPartnerId)
            throws PackageRejected {
        return trust(signer, packageCertificates, claimedPartnerId).partner();
    }

    /** As {@link #establish}, saying also whether revocation went unchecked under the policy. */
    public Trusted trust(X509Certificate signer, Collection<X509Certificate> packageCertificates, String claimedPartnerId)
            throws PackageRejected {
        Instant now = clock.instant();
        Partner claimed = directory.find(claimedPartnerId).orElseThrow(() -> new PackageRejected(RejectReason.UNKNOWN_SIGNER,
                "the channel belongs to partner '" + claimedPartnerId + "', which is not registered with the gateway or is suspended"));
        // The administrators' word on this very certificate (revoked, its window over) wins over any path to an anchor.
        OutOfUseCertificate registered = outOfUseItself(claimed, signer);
        if (registered != null) {
            throw outOfUse(signer, registered, claimed, now);
        }
        checkValidity(signer, now, "signer certificate");
        checkKeyUsage(signer);

        String cacheKey = claimed.id() + "/" + Certificates.fingerprint(signer);
        Validated earlier = validated.get(cacheKey);
        if (earlier != null && earlier.partner() == claimed && now.isBefore(earlier.until())) {
            return new Trusted(claimed, earlier.waiver());
        }
        Verdict verdict = trustedBy(claimed, signer, packageCertificates, now);
        if (verdict.refusal() == null) {
            Instant until = now.plus(VALIDATION_REUSE);
            validated.put(cacheKey, new Validated(claimed,
                    until.isAfter(signer.getNotAfter().toInstant()) ? signer.getNotAfter().toInstant() : until, verdict.waiver()));
            return new Trusted(claimed, verdict.waiver());
        }
        PackageRejected claimedFailure = verdict.refusal();
        if (claimedFailure.reason() != RejectReason.UNKNOWN_SIGNER) {
            throw claimedFailure;
        }
        OutOfUseCertificate anchor = outOfUseIssuer(claimed, signer);
        if (anchor != null) {
            throw outOfUse(signer, anchor, claimed, now);
        }
        for (Partner other : directory.all()) {
            if (!other.id().equals(claimed.id()) && trustedBy(other, signer, packageCertificates, now).refusal() == null) {
                throw new PackageRejected(RejectReason.SIGNER_NOT_PARTNER, "the package is signed by "
                        + Certificates.describe(signer) + " of partner '" + other.id() + "' but arrived on the channel of partner '"
                        + claimed.id() + "'; each partner must send over its own account with its own certificate");
            }
        }
        throw claimedFailure;
    }

    /** The partner's registered certificate that is the signer itself and is out of use now; null when there is none. */
    private static OutOfUseCertificate outOfUseItself(Partner partner, X509Certificate signer) {
        if (partner.pinnedCertificates().contains(signer) || partner.trustAnchors().contains(signer)) {
            return null;
        }
        return partner.outOfUse().stream().filter(c -> c.certificate().equals(signer)).findFirst().orElse(null);
    }

    /** The partner's out-of-use CA that issued the signer (its signature on the signer holds); null when there is none. */
    private static OutOfUseCertificate outOfUseIssuer(Partner partner, X509Certificate signer) {
        for (OutOfUseCertificate registered : partner.outOfUse()) {
            X509Certificate ca = registered.certificate();
            if (registered.trustAnchor() && ca.getSubjectX500Principal().equals(signer.getIssuerX500Principal())) {
                try {
                    signer.verify(ca.getPublicKey());
                    return registered;
                } catch (java.security.GeneralSecurityException notThisCa) {
                    // the same name, another key: not the signer's CA
                }
            }
        }
        return null;
    }

    /**
     * The refusal that names the registered certificate, why it is out of use and since or until when,
     * and what the partner must do. The administrators' reason for a revocation stays with them (the
     * directory, the audit trail): this message goes to the partner in the receipt.
     */
    private static PackageRejected outOfUse(X509Certificate signer, OutOfUseCertificate registered, Partner partner, Instant now) {
        X509Certificate certificate = registered.certificate();
        String named = (registered.trustAnchor() ? "CA certificate " : "certificate ") + describeWithFingerprint(certificate);
        String which = registered.trustAnchor()
                ? "signer certificate " + Certificates.describe(signer) + " was issued by " + named + ", registered for partner '"
                        + partner.id() + "', which"
                : "signer " + named + ", registered for partner '" + partner.id() + "',";
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        RejectReason reason;
        String what;
        if (registered.revokedAt() != null) {
            reason = RejectReason.SIGNER_CERTIFICATE_REVOKED;
            what = " was revoked by the gateway administrators on " + registered.revokedAt();
        } else if (!now.isBefore(notAfter)) {
            reason = RejectReason.SIGNER_CERTIFICATE_EXPIRED;
            what = " expired on " + notAfter;
        } else if (now.isBefore(registered.useFrom()) || now.isBefore(notBefore)) {
            reason = RejectReason.SIGNER_CERTIFICATE_NOT_YET_VALID;
            what = " may be used only from " + (registered.useFrom().isAfter(notBefore) ? registered.useFrom() : notBefore);
        } else {
            reason = RejectReason.SIGNER_CERTIFICATE_OUTSIDE_USE_WINDOW;
            what = " may no longer be used: its window of use ended on " + registered.useUntil() + " (the certificate itself is valid until "
                    + notAfter + ")";
        }
        String todo = registered.trustAnchor()
                ? "sign with a certificate of your current CA, or ask the gateway administrators to import your new CA certificate"
                : "sign with your current certificate, or ask the gateway administrators to import your new one";
        return new PackageRejected(reason, which + what + "; " + todo);
    }

    /** Subject, serial and the start of the SHA-256 fingerprint, the way administrators find a certificate in the directory. */
    static String describeWithFingerprint(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "' (serial " + certificate.getSerialNumber().toString(16)
                + ", SHA-256 " + Certificates.fingerprint(certificate).substring(0, FINGERPRINT_PREFIX) + "…)";
    }

    /** Whether {@code partner} trusts the signer, with any revocation waiver, or why it does not. */
    private Verdict trustedBy(Partner partner, X509Certificate signer, Collection<X509Certificate> hints, Instant now) {
        // A revocation a CRL of the partner's CA lists counts even when that CRL is out of date.
        PackageRejected revoked = revokedByPartnerCrl(partner, signer);
        if (revoked != null) {
            return Verdict.refused(revoked);
        }
        if (partner.pinnedCertificates().contains(signer)) {
            return Verdict.TRUSTED;
        }
        if (partner.trustAnchors().isEmpty()) {
            return Verdict.refused(unknown(signer, partner));
        }
        boolean required = !partner.crls().isEmpty() || CrlDistributionPoints.named(signer)
                || partner.trustAnchors().stream().anyMatch(CrlDistributionPoints::named);
        try {
            buildPath(partner, signer, hints, now, required);
            return Verdict.TRUSTED;
        } catch (CertPathBuilderException e) {
            PackageRejected refusal = classify(e, signer, partner, now);
            if (refusal.reason() != RejectReason.REVOCATION_UNKNOWN || revocation != RevocationPolicy.ACCEPT_AUDITED) {
                return Verdict.refused(refusal);
            }
            try {
                buildPath(partner, signer, hints, now, false);
                return new Verdict(null, "revocation NOT checked (gateway.revocation.on-missing-crl = accept-audited): "
                        + refusal.getMessage());
            } catch (CertPathBuilderException withoutRevocation) {
                return Verdict.refused(classify(withoutRevocation, signer, partner, now));
            }
        }
    }

    private void buildPath(Partner partner, X509Certificate signer, Collection<X509Certificate> hints, Instant now, boolean revocationChecked)
            throws CertPathBuilderException {
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
            // Revocation checked on every link; a missing or out-of-date CRL then fails the path, never passes it.
            params.setRevocationEnabled(revocationChecked);
            params.setDate(Date.from(now));
            CertPathBuilder.getInstance("PKIX", bc).build(params);
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

    private PackageRejected classify(CertPathBuilderException e, X509Certificate signer, Partner partner, Instant now) {
        String text = causeText(e).toLowerCase(Locale.ROOT);
        if (text.contains("revoked") || text.contains("revocation after")) {
            return new PackageRejected(RejectReason.CERT_REVOKED, "a certificate in the chain of " + Certificates.describe(signer)
                    + " is revoked; the partner must sign with a valid certificate");
        }
        if (text.contains("no crls found") || text.contains("no valid crl") || text.contains("crl")) {
            return revocationUnknown(signer, partner, now);
        }
        if (text.contains("expired")) {
            return new PackageRejected(RejectReason.CERT_EXPIRED, "a CA certificate in the chain of " + Certificates.describe(signer)
                    + " has expired; the partner must renew its CA and register the new one");
        }
        return unknown(signer, partner);
    }

    /** Names the CA whose CRL is missing or out of date, what the gateway holds of it, where the CA publishes, and who does what. */
    private static PackageRejected revocationUnknown(X509Certificate signer, Partner partner, Instant now) {
        String ca = signer.getIssuerX500Principal().getName();
        X509CRL latest = null;
        for (X509CRL crl : partner.crls()) {
            if (crl.getIssuerX500Principal().equals(signer.getIssuerX500Principal())
                    && (latest == null || crl.getThisUpdate().after(latest.getThisUpdate()))) {
                latest = crl;
            }
        }
        String held = latest == null ? "no CRL of it is registered"
                : latest.getNextUpdate() != null && !latest.getNextUpdate().toInstant().isAfter(now)
                ? "its last CRL, issued " + latest.getThisUpdate().toInstant() + ", was due for renewal on " + latest.getNextUpdate().toInstant()
                : "its CRL, issued " + latest.getThisUpdate().toInstant() + ", cannot be used";
        List<java.net.URI> published = new ArrayList<>(CrlDistributionPoints.of(signer));
        for (X509Certificate anchor : partner.trustAnchors()) {
            if (anchor.getSubjectX500Principal().equals(signer.getIssuerX500Principal())) {
                published.addAll(CrlDistributionPoints.of(anchor));
            }
        }
        return new PackageRejected(RejectReason.REVOCATION_UNKNOWN, "the revocation status of signer certificate " + Certificates.describe(signer)
                + " cannot be determined: the gateway holds no current CRL of CA '" + ca + "' for partner '" + partner.id() + "' ("
                + held + (published.isEmpty() ? "" : "; the CA publishes it at " + published.stream().distinct().map(Object::toString)
                .collect(java.util.stream.Collectors.joining(", "))) + "); the gateway administrators must fetch it ('crl refresh') or import"
                + " a current one ('crl import --partner " + partner.id() + "'), and the partner's CA must publish one");
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
