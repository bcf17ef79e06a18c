package org.dragongate.crypto;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.CMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import org.dragongate.trust.OutOfUseCertificate;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import org.dragongate.trust.SignerTrust;

/**
 * Checks the one signer of a {@link SignedPart}: allowed algorithms, the required signed
 * attributes, the signature itself, and that the signer belongs to the partner the channel claims.
 */
final class SignatureCheck {
    /** How far a sender's clock may run ahead of ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Who signed, once everything checked out. */
    /** @param revocationWaiver why the signer's revocation went unchecked under the gateway's policy; null when it was checked */
    record Signer(Partner partner, X509Certificate certificate, Instant signingTime, String revocationWaiver) {
    }

    private final PartnerDirectory directory;
    private final SignerTrust trust;
    private final AlgorithmPolicy policy;
    private final Clock clock;
    private static final CMSSignatureAlgorithmNameGenerator SIGNATURE_NAMES = new DefaultCMSSignatureAlgorithmNameGenerator();
    private static final SignatureAlgorithmIdentifierFinder SIGNATURE_ALGORITHMS = new DefaultSignatureAlgorithmIdentifierFinder();

    private final DigestCalculatorProvider digests;
    private final CertificateCache certificateCache = new CertificateCache();

    SignatureCheck(PartnerDirectory directory, SignerTrust trust, AlgorithmPolicy policy, Clock clock) {
        this.directory = directory;
        this.trust = trust;
        this.policy = policy;
        this.clock = clock;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no digest provider", e);
        }
    }

    Signer check(SignedPart part, String claimedPartnerId) throws PackageRejected {
        Collection<SignerInformation> signers = part.signers().getSigners();
        if (signers.isEmpty()) {
            throw new PackageRejected(RejectReason.NOT_SIGNED, "the signature has no signer; sign with the partner's signing certificate");
        }
        if (signers.size() > 1) {
            throw new PackageRejected(RejectReason.MALFORMED, "the package has " + signers.size()
                    + " signers; exactly one, the sending partner, is expected");
        }
        SignerInformation signer = signers.iterator().next();
        policy.checkSignature(signer.getDigestAlgOID(), signer.getEncryptionAlgOID());
        Instant signingTime = checkSignedAttributes(signer, part.contentType());

        List<X509Certificate> carried = carriedCertificates(part);
        X509Certificate certificate = findCertificate(signer.getSID(), carried);
        policy.checkSignerCertificate(certificate);
        try {
            verifySignature(signer, certificate);
        } catch (PackageRejected e) {
            if (e.reason() == RejectReason.CERT_EXPIRED || e.reason() == RejectReason.CERT_NOT_YET_VALID) {
                // The signing time is the sender's claim: what the gateway knows of the certificate itself
                // (revoked, expired now, not the partner's) is the reason to report, so a back-dated time never hides it.
                trust.establish(certificate, carried, claimedPartnerId);
            }
            throw e;
        }
        SignerTrust.Trusted trusted = trust.trust(certificate, carried, claimedPartnerId);
        return new Signer(trusted.partner(), certificate, signingTime, trusted.revocationWaiver());
    }

    /** Content-type (matching the content), one message-digest and one signing-time must be signed. */
    private Instant checkSignedAttributes(SignerInformation signer, ASN1ObjectIdentifier contentType) throws PackageRejected {
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null) {
            throw badSignature("the signature has no signed attributes; content-type, message-digest and signing-time must be signed");
        }
        ASN1Encodable type = single(attributes, CMSAttributes.contentType, "content-type");
        if (!contentType.equals(type)) {
            throw badSignature("the signed content-type attribute (" + type + ") differs from the content's type (" + contentType + ")");
        }
        single(attributes, CMSAttributes.messageDigest, "message-digest");
        Instant signingTime;
        try {
            signingTime = SigningTime.of(single(attributes, CMSAttributes.signingTime, "signing-time"));
        } catch (IllegalArgumentException e) {
            throw badSignature("the signed signing-time attribute cannot be read");
        }
        if (signingTime.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw badSignature("the signing time " + signingTime + " is in the future; check the sender's clock");
        }
        return signingTime;
    }

    private static ASN1Encodable single(AttributeTable attributes, ASN1ObjectIdentifier oid, String name) throws PackageRejected {
        var all = attributes.getAll(oid);
        if (all.size() != 1) {
            throw badSignature("the signature must carry exactly one signed " + name + " attribute, found " + all.size());
        }
        Attribute attribute = (Attribute) all.get(0);
        if (attribute.getAttrValues().size() != 1) {
            throw badSignature("the signed " + name + " attribute must hold exactly one value");
        }
        return attribute.getAttrValues().getObjectAt(0);
    }

    private void verifySignature(SignerInformation signer, X509Certificate certificate) throws PackageRejected {
        try {
            if (!signer.verify(verifierFor(certificate))) {
                throw badSignature("the signature does not match the content: it was altered after signing or signed with another key");
            }
        } catch (CMSVerifierCertificateNotValidException e) {
            throw new PackageRejected(certificate.getNotAfter().toInstant().isBefore(clock.instant())
                    ? RejectReason.CERT_EXPIRED : RejectReason.CERT_NOT_YET_VALID,
                    "signer certificate " + Certificates.describe(certificate) + " (valid " + certificate.getNotBefore().toInstant()
                            + " to " + certificate.getNotAfter().toInstant() + ") was not valid at the package's signing time");
        } catch (CMSSignerDigestMismatchException e) {
            throw badSignature("the content does not match the signed message digest: it was altered after signing");
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            throw badSignature("the signature cannot be verified: " + e.getMessage());
        }
    }

    /**
     * Built from shared parts: BouncyCastle's convenience builder creates a fresh algorithm-name table
     * for every signature, which costs more than verifying an RSA signature.
     */
    private SignerInformationVerifier verifierFor(X509Certificate certificate) throws OperatorCreationException {
        return new SignerInformationVerifier(SIGNATURE_NAMES, SIGNATURE_ALGORITHMS,
                new JcaContentVerifierProviderBuilder().build(certificate), digests);
    }

    /** The signer's certificate: registered ones first, then those the package carries (trust is decided later). */
    private X509Certificate findCertificate(SignerId id, List<X509Certificate> carried) throws PackageRejected {
        for (Partner partner : directory.all()) {
            for (X509Certificate pinned : partner.pinnedCertificates()) {
                if (matches(id, pinned)) {
                    return pinned;
                }
            }
        }
        // A registered certificate out of use now (revoked, its window over): found so that the refusal can name it.
        for (Partner partner : directory.all()) {
            for (OutOfUseCertificate registered : partner.outOfUse()) {
                if (!registered.trustAnchor() && matches(id, registered.certificate())) {
                    return registered.certificate();
                }
            }
        }
        for (X509Certificate certificate : carried) {
            if (matches(id, certificate)) {
                return certificate;
            }
        }
        throw new PackageRejected(RejectReason.UNKNOWN_SIGNER, "the signer's certificate (issuer '" + id.getIssuer()
                + "', serial " + (id.getSerialNumber() == null ? "?" : id.getSerialNumber().toString(16))
                + ") is neither in the package nor registered; include the signer certificate (openssl cms -sign does by default)");
    }

    private static boolean matches(SignerId id, X509Certificate certificate) {
        try {
            return id.match(new X509CertificateHolder(certificate.getEncoded()));
        } catch (java.io.IOException | java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }

    private List<X509Certificate> carriedCertificates(SignedPart part) throws PackageRejected {
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509CertificateHolder holder : part.certificates().getMatches(null)) {
            try {
                certificates.add(certificateCache.of(holder));
            } catch (CertificateException | java.io.IOException e) {
                throw new PackageRejected(RejectReason.MALFORMED, "a certificate carried in the package cannot be read");
            }
        }
        return certificates;
    }

    private static PackageRejected badSignature(String message) {
        return new PackageRejected(RejectReason.BAD_SIGNATURE, message);
    }
}
