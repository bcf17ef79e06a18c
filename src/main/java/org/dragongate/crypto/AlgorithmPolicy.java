package org.dragongate.crypto;

import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The algorithms a package may use: allow-lists, so anything new or unknown is refused until
 * someone decides it is sound. Strict by default; PKCS#1 v1.5 key transport only per partner.
 */
public final class AlgorithmPolicy {
    static final int MIN_RSA_BITS = 2048;
    static final int MIN_EC_BITS = 256;
    static final int MIN_GCM_TAG_BYTES = 12;
    /** RFC 5084: aes-ICVlen DEFAULT 12. */
    private static final int DEFAULT_GCM_TAG_BYTES = 12;

    private static final Map<ASN1ObjectIdentifier, String> CONTENT_CIPHERS = Map.of(
            NISTObjectIdentifiers.id_aes128_GCM, "AES-128-GCM",
            NISTObjectIdentifiers.id_aes192_GCM, "AES-192-GCM",
            NISTObjectIdentifiers.id_aes256_GCM, "AES-256-GCM",
            NISTObjectIdentifiers.id_aes128_CBC, "AES-128-CBC",
            NISTObjectIdentifiers.id_aes192_CBC, "AES-192-CBC",
            NISTObjectIdentifiers.id_aes256_CBC, "AES-256-CBC");

    private static final Set<ASN1ObjectIdentifier> GCM = Set.of(
            NISTObjectIdentifiers.id_aes128_GCM, NISTObjectIdentifiers.id_aes192_GCM, NISTObjectIdentifiers.id_aes256_GCM);

    private static final Set<ASN1ObjectIdentifier> OAEP_HASHES = Set.of(
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    private static final Set<ASN1ObjectIdentifier> KEY_AGREEMENTS = Set.of(
            SECObjectIdentifiers.dhSinglePass_stdDH_sha256kdf_scheme,
            SECObjectIdentifiers.dhSinglePass_stdDH_sha384kdf_scheme,
            SECObjectIdentifiers.dhSinglePass_stdDH_sha512kdf_scheme,
            SECObjectIdentifiers.dhSinglePass_cofactorDH_sha256kdf_scheme,
            SECObjectIdentifiers.dhSinglePass_cofactorDH_sha384kdf_scheme,
            SECObjectIdentifiers.dhSinglePass_cofactorDH_sha512kdf_scheme);

    private static final Set<ASN1ObjectIdentifier> DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512,
            NISTObjectIdentifiers.id_sha3_256, NISTObjectIdentifiers.id_sha3_384, NISTObjectIdentifiers.id_sha3_512);

    private static final Set<ASN1ObjectIdentifier> SIGNATURES = Set.of(
            PKCSObjectIdentifiers.rsaEncryption,
            PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption,
            PKCSObjectIdentifiers.id_RSASSA_PSS,
            X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512,
            EdECObjectIdentifiers.id_Ed25519);

    /** Signature algorithms a signer certificate itself may be signed with (by its CA). */
    private static final Set<String> CERTIFICATE_SIGNATURES = Set.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption.getId(),
            PKCSObjectIdentifiers.sha384WithRSAEncryption.getId(),
            PKCSObjectIdentifiers.sha512WithRSAEncryption.getId(),
            PKCSObjectIdentifiers.id_RSASSA_PSS.getId(),
            X9ObjectIdentifiers.ecdsa_with_SHA256.getId(),
            X9ObjectIdentifiers.ecdsa_with_SHA384.getId(),
            X9ObjectIdentifiers.ecdsa_with_SHA512.getId(),
            EdECObjectIdentifiers.id_Ed25519.getId());

    public static AlgorithmPolicy strict() {
        return new AlgorithmPolicy();
    }

    /** The content cipher and, for GCM, its tag length. */
    public void checkContentEncryption(AlgorithmIdentifier algorithm) throws PackageRejected {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (!CONTENT_CIPHERS.containsKey(oid)) {
            throw weak("content encryption " + cipherName(oid) + " is not allowed; use AES-256-GCM (or AES-CBC)");
        }
        if (GCM.contains(oid)) {
            int tagBytes = gcmTagBytes(algorithm);
            if (tagBytes < MIN_GCM_TAG_BYTES) {
                throw weak("GCM tag of " + tagBytes * 8 + " bits is too short; at least " + MIN_GCM_TAG_BYTES * 8 + " bits are required");
            }
        }
    }

    /**
     * Read by hand: BC's GCMParameters throws on a tag under 12 bytes, which would make a short tag
     * look like a broken structure (MALFORMED) instead of the weak choice it is.
     */
    private static int gcmTagBytes(AlgorithmIdentifier algorithm) throws PackageRejected {
        try {
            ASN1Sequence parameters = ASN1Sequence.getInstance(algorithm.getParameters());
            if (parameters == null) {
                throw new IllegalArgumentException("no GCM parameters");
            }
            return parameters.size() < 2 ? DEFAULT_GCM_TAG_BYTES : ASN1Integer.getInstance(parameters.getObjectAt(1)).intValueExact();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new PackageRejected(RejectReason.MALFORMED, "the GCM parameters of the content encryption cannot be read");
        }
    }

    public static String contentCipherName(ASN1ObjectIdentifier oid) {
        return CONTENT_CIPHERS.getOrDefault(oid, oid.getId());
    }

    /** The algorithm that carries the content key to us. */
    public void checkKeyEncryption(AlgorithmIdentifier algorithm, boolean legacyKeyTransportAllowed) throws PackageRejected {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.id_RSAES_OAEP)) {
            RSAESOAEPparams params = RSAESOAEPparams.getInstance(algorithm.getParameters());
            ASN1ObjectIdentifier hash = params.getHashAlgorithm().getAlgorithm();
            if (!OAEP_HASHES.contains(hash)) {
                throw weak("RSA-OAEP with hash " + digestName(hash.getId()) + " is not allowed; use SHA-256 (openssl: -keyopt rsa_oaep_md:sha256)");
            }
            return;
        }
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            if (!legacyKeyTransportAllowed) {
                throw weak("RSA PKCS#1 v1.5 key transport is not allowed; use RSA-OAEP with SHA-256 (openssl: -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256)");
            }
            return;
        }
        if (KEY_AGREEMENTS.contains(oid)) {
            return;
        }
        throw weak("key encryption " + oid.getId() + " is not allowed; use RSA-OAEP (SHA-256) or ECDH with a SHA-256 KDF (openssl: -keyopt ecdh_kdf_md:sha256)");
    }

    /** The signer's digest and signature algorithms. */
    public void checkSignature(String digestOid, String signatureOid) throws PackageRejected {
        if (!DIGESTS.contains(new ASN1ObjectIdentifier(digestOid))) {
            throw weak("signature digest " + digestName(digestOid) + " is not allowed; sign with SHA-256 or better");
        }
        if (!SIGNATURES.contains(new ASN1ObjectIdentifier(signatureOid))) {
            throw weak("signature algorithm " + signatureOid + " is not allowed; use RSA, RSA-PSS, ECDSA or Ed25519");
        }
    }

    /** Key size of the signer and the algorithm its issuer signed it with. */
    public void checkSignerCertificate(X509Certificate certificate) throws PackageRejected {
        checkPublicKey(certificate.getPublicKey(), "signer certificate " + Certificates.describe(certificate));
        if (!CERTIFICATE_SIGNATURES.contains(certificate.getSigAlgOID())) {
            throw weak("signer certificate " + Certificates.describe(certificate) + " is signed with "
                    + certificate.getSigAlgName() + "; its CA must sign with SHA-256 or better");
        }
    }

    public void checkPublicKey(PublicKey key, String what) throws PackageRejected {
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw weak(what + " has an RSA key of " + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS + " are required");
        }
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() < MIN_EC_BITS) {
            throw weak(what + " has an EC key of " + ec.getParams().getCurve().getField().getFieldSize()
                    + " bits; P-256 or larger is required");
        }
    }

    private static String cipherName(ASN1ObjectIdentifier oid) {
        return switch (oid.getId()) {
            case "1.2.840.113549.3.7" -> "3DES (DES-EDE3-CBC)";
            case "1.3.14.3.2.7" -> "DES-CBC";
            case "1.2.840.113549.3.2" -> "RC2-CBC";
            default -> oid.getId();
        };
    }

    private static String digestName(String oid) {
        return switch (oid) {
            case "1.2.840.113549.2.5" -> "MD5";
            case "1.3.14.3.2.26" -> "SHA-1";
            default -> oid;
        };
    }

    private static PackageRejected weak(String message) {
        return new PackageRejected(RejectReason.WEAK_ALGORITHM, message);
    }
}
