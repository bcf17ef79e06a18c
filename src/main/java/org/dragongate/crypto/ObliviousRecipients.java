package org.dragongate.crypto;

import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipient;

/**
 * Recipients that never reveal whether the content key or the content was damaged: when the key
 * cannot be unwrapped (bad PKCS#1 v1.5 padding, failed AES key-wrap check) they go on with a random
 * key, so decryption then fails exactly as it does for tampered content. This removes the padding
 * oracle of PKCS#1 v1.5 key transport (Bleichenbacher) and its key-wrap analogue.
 */
final class ObliviousRecipients {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ObliviousRecipients() {
    }

    /**
     * @param contentProvider provider for the bulk cipher: BouncyCastle for GCM (the JDK's GCM buffers
     *                        the whole ciphertext when decrypting), null for the JDK's own (AES-NI) otherwise
     */
    static Recipient keyTransport(PrivateKey key, boolean authenticated, Provider contentProvider) {
        JceKeyTransRecipient recipient = authenticated
                ? new JceKeyTransAuthEnvelopedRecipient(key) {
                    @Override
                    protected Key extractSecretKey(AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg, byte[] wrapped) {
                        return orRandom(() -> super.extractSecretKey(keyAlg, contentAlg, wrapped), contentAlg);
                    }

                    @Override
                    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg,
                                                                  byte[] wrapped) throws CMSException {
                        RecipientOperator fast = FastGcmDecryptor.operatorFor(contentAlg, extractSecretKey(keyAlg, contentAlg, wrapped));
                        return fast != null ? fast : super.getRecipientOperator(keyAlg, contentAlg, wrapped);
                    }
                }
                : new JceKeyTransEnvelopedRecipient(key) {
                    @Override
                    protected Key extractSecretKey(AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg, byte[] wrapped) {
                        return orRandom(() -> super.extractSecretKey(keyAlg, contentAlg, wrapped), contentAlg);
                    }

                    @Override
                    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg,
                                                                  byte[] wrapped) throws CMSException {
                        RecipientOperator fast = FastGcmDecryptor.operatorFor(contentAlg, extractSecretKey(keyAlg, contentAlg, wrapped));
                        return fast != null ? fast : super.getRecipientOperator(keyAlg, contentAlg, wrapped);
                    }
                };
        // RSA key unwrapping uses the JDK's own provider (SunJCE), the same code the raw benchmark measures.
        if (contentProvider != null) {
            recipient.setContentProvider(contentProvider);
        }
        return recipient;
    }

    static Recipient keyAgreement(PrivateKey key, boolean authenticated, Provider bc, Provider contentProvider) {
        JceKeyAgreeRecipient recipient = authenticated
                ? new JceKeyAgreeAuthEnvelopedRecipient(key) {
                    @Override
                    protected Key extractSecretKey(AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg,
                                                   SubjectPublicKeyInfo sender, ASN1OctetString ukm, byte[] wrapped) {
                        return orRandom(() -> super.extractSecretKey(keyAlg, contentAlg, sender, ukm, wrapped), contentAlg);
                    }

                    @Override
                    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg,
                            SubjectPublicKeyInfo sender, ASN1OctetString ukm, byte[] wrapped) throws CMSException {
                        RecipientOperator fast = FastGcmDecryptor.operatorFor(contentAlg,
                                extractSecretKey(keyAlg, contentAlg, sender, ukm, wrapped));
                        return fast != null ? fast : super.getRecipientOperator(keyAlg, contentAlg, sender, ukm, wrapped);
                    }
                }
                : new JceKeyAgreeEnvelopedRecipient(key) {
                    @Override
                    protected Key extractSecretKey(AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg,
                                                   SubjectPublicKeyInfo sender, ASN1OctetString ukm, byte[] wrapped) {
                        return orRandom(() -> super.extractSecretKey(keyAlg, contentAlg, sender, ukm, wrapped), contentAlg);
                    }

                    @Override
                    public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg,
                            SubjectPublicKeyInfo sender, ASN1OctetString ukm, byte[] wrapped) throws CMSException {
                        RecipientOperator fast = FastGcmDecryptor.operatorFor(contentAlg,
                                extractSecretKey(keyAlg, contentAlg, sender, ukm, wrapped));
                        return fast != null ? fast : super.getRecipientOperator(keyAlg, contentAlg, sender, ukm, wrapped);
                    }
                };
        recipient.setProvider(bc);
        if (contentProvider != null) {
            recipient.setContentProvider(contentProvider);
        }
        return recipient;
    }

    private interface KeyUnwrap {
        Key unwrap() throws CMSException;
    }

    private static Key orRandom(KeyUnwrap unwrap, AlgorithmIdentifier contentAlg) {
        try {
            Key key = unwrap.unwrap();
            byte[] encoded = key.getEncoded();
            // A well-formed PKCS#1 v1.5 block carrying a key of the wrong size must fail like a malformed one;
            // otherwise the cipher refusing that key (MALFORMED) would show the padding was good.
            return encoded != null && encoded.length == keyLength(contentAlg.getAlgorithm()) ? key : randomKey(contentAlg);
        } catch (CMSException | RuntimeException e) {
            return randomKey(contentAlg);
        }
    }

    static Key randomKey(AlgorithmIdentifier contentAlg) {
        byte[] key = new byte[keyLength(contentAlg.getAlgorithm())];
        RANDOM.nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    private static int keyLength(ASN1ObjectIdentifier oid) {
        if (oid.equals(NISTObjectIdentifiers.id_aes128_GCM) || oid.equals(NISTObjectIdentifiers.id_aes128_CBC)) {
            return 16;
        }
        if (oid.equals(NISTObjectIdentifiers.id_aes192_GCM) || oid.equals(NISTObjectIdentifiers.id_aes192_CBC)) {
            return 24;
        }
        return 32;
    }
}
