package org.dragongate.crypto;

import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;

/**
 * The outer layer: checks the package is encrypted for one of our active keys with allowed
 * algorithms, and returns the decrypting stream. The authentication tag (GCM) or padding (CBC) is
 * checked only when that stream is read to its end; the caller must do so before trusting anything.
 */
final class EnvelopeOpener {
    /** What the envelope held, still encrypted until read. */
    record Decrypting(CMSTypedStream content, String cipher, X509Certificate gatewayCertificate) {
    }

    /** An active key and the recipient identifiers that name it, worked out once rather than per package. */
    private record OurKey(KeyMaterial key, List<RecipientId> ids) {
    }

    /** The keys of one moment with their recipient identifiers; worked out again only when the keys change. */
    private record Keys(GatewayKeys keys, List<OurKey> ours) {
        static Keys of(GatewayKeys keys) {
            return new Keys(keys, keys.active().stream().map(key -> new OurKey(key, recipientIds(key.certificate()))).toList());
        }
    }

    private final Supplier<GatewayKeys> current;
    private final AlgorithmPolicy policy;
    private final Provider bc;
    private volatile Keys keys;

    /** @param current the active keys as they are now (the gateway reads them again from its database); asked once per package */
    EnvelopeOpener(Supplier<GatewayKeys> current, AlgorithmPolicy policy) {
        this.current = current;
        this.policy = policy;
        this.bc = CryptoProviders.bouncyCastle();
    }

    private Keys keys() {
        GatewayKeys now = current.get();
        Keys known = keys;
        if (known == null || known.keys() != now) {
            known = Keys.of(now);
            keys = known;
        }
        return known;
    }

    Decrypting open(InputStream der, boolean legacyKeyTransportAllowed) throws IOException, CMSException, PackageRejected {
        BufferedInputStream in = new BufferedInputStream(der, 16 * 1024);
        ASN1ObjectIdentifier type = peekContentType(in);
        boolean authenticated;
        AlgorithmIdentifier contentAlgorithm;
        RecipientInformationStore recipients;
        if (CMSObjectIdentifiers.authEnvelopedData.equals(type)) {
            CMSAuthEnvelopedDataParser parser = new CMSAuthEnvelopedDataParser(in);
            authenticated = true;
            contentAlgorithm = parser.getEncryptionAlgOID();
            recipients = parser.getRecipientInfos();
        } else if (CMSObjectIdentifiers.envelopedData.equals(type)) {
            CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(in);
            authenticated = false;
            contentAlgorithm = parser.getContentEncryptionAlgorithm();
            recipients = parser.getRecipientInfos();
        } else if (CMSObjectIdentifiers.signedData.equals(type) || CMSObjectIdentifiers.data.equals(type)) {
            throw new PackageRejected(RejectReason.NOT_ENCRYPTED,
                    "the package is not encrypted; encrypt it for the gateway's certificate (openssl cms -encrypt -aes-256-gcm ...)");
        } else {
            throw new PackageRejected(RejectReason.MALFORMED,
                    "CMS content type " + type + " is not a sealed package; expected AuthEnvelopedData or EnvelopedData");
        }
        policy.checkContentEncryption(contentAlgorithm);

        Keys keys = keys();
        for (OurKey ours : keys.ours()) {
            KeyMaterial key = ours.key();
            RecipientInformation recipient = findRecipient(recipients, ours.ids());
            if (recipient == null) {
                continue;
            }
            policy.checkKeyEncryption(recipient.getKeyEncryptionAlgorithm(), legacyKeyTransportAllowed);
            boolean gcm = isGcm(contentAlgorithm.getAlgorithm());
            Provider contentProvider = gcm ? bc : null;
            Recipient decryptor = key.privateKey() instanceof ECKey
                    ? ObliviousRecipients.keyAgreement(key.privateKey(), authenticated, bc, contentProvider)
                    : ObliviousRecipients.keyTransport(key.privateKey(), authenticated, contentProvider);
            CMSTypedStream content = recipient.getContentStream(decryptor);
            return new Decrypting(content, AlgorithmPolicy.contentCipherName(contentAlgorithm.getAlgorithm()), key.certificate());
        }
        for (GatewayKeys.Retired retired : keys.keys().retired()) {
            if (findRecipient(recipients, recipientIds(retired.certificate())) != null) {
                throw new PackageRejected(RejectReason.NOT_FOR_US, "the package is encrypted for the gateway key "
                        + Certificates.describe(retired.certificate()) + ", retired on " + retired.retiredAt()
                        + "; encrypt it for the current gateway certificate " + describeActive(keys.keys())
                        + " published by the gateway administrators");
            }
        }
        throw new PackageRejected(RejectReason.NOT_FOR_US, "the package is not encrypted for any active gateway key ("
                + recipients.size() + " recipient(s), none ours); encrypt it for the gateway certificate "
                + describeActive(keys.keys()) + " published by the gateway administrators");
    }

    private static RecipientInformation findRecipient(RecipientInformationStore store, List<RecipientId> ids) throws IOException {
        try {
            for (RecipientId id : ids) {
                RecipientInformation found = store.get(id);
                if (found != null) {
                    return found;
                }
            }
            return null;
        } catch (RuntimeException e) {
            throw new IOException("malformed recipient information", e);
        }
    }

    /** RSA: issuer and serial or key identifier, in one id; EC: issuer and serial, then key identifier (openssl -keyid). */
    private static List<RecipientId> recipientIds(X509Certificate certificate) {
        if (!(certificate.getPublicKey() instanceof ECKey)) {
            return List.of(new JceKeyTransRecipientId(certificate));
        }
        byte[] keyId = subjectKeyIdentifier(certificate);
        return keyId == null ? List.of(new JceKeyAgreeRecipientId(certificate))
                : List.of(new JceKeyAgreeRecipientId(certificate), new KeyAgreeRecipientId(keyId));
    }

    private static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return extension == null ? null
                : SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
    }

    private static String describeActive(GatewayKeys keys) {
        List<String> names = new ArrayList<>();
        for (KeyMaterial key : keys.active()) {
            names.add(Certificates.describe(key.certificate()));
        }
        return String.join(" or ", names);
    }

    private static boolean isGcm(ASN1ObjectIdentifier oid) {
        return oid.equals(NISTObjectIdentifiers.id_aes128_GCM) || oid.equals(NISTObjectIdentifiers.id_aes192_GCM)
                || oid.equals(NISTObjectIdentifiers.id_aes256_GCM);
    }

    /** Reads the ContentInfo's type without consuming the stream, so the matching parser can start from the top. */
    static ASN1ObjectIdentifier peekContentType(BufferedInputStream in) throws IOException {
        in.mark(8 * 1024);
        try {
            ASN1Encodable top = new ASN1StreamParser(in).readObject();
            if (!(top instanceof ASN1SequenceParser sequence)) {
                throw new IOException("not a CMS ContentInfo");
            }
            ASN1Encodable first = sequence.readObject();
            if (!(first instanceof ASN1ObjectIdentifier type)) {
                throw new IOException("not a CMS ContentInfo");
            }
            return type;
        } finally {
            in.reset();
        }
    }
}
