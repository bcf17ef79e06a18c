package org.dragongate.crypto;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.operator.InputAEADDecryptor;

/**
 * Plugs {@link GcmDecryptingInputStream} into BouncyCastle's CMS parsers in place of its own GCM
 * cipher, for both AuthEnvelopedData and EnvelopedData with AES-GCM (the tag follows the ciphertext in both).
 */
final class FastGcmDecryptor implements InputAEADDecryptor {
    private final AlgorithmIdentifier algorithm;
    private final Key key;
    private final GCMParameters parameters;
    private GcmDecryptingInputStream stream;

    private FastGcmDecryptor(AlgorithmIdentifier algorithm, Key key, GCMParameters parameters) {
        this.algorithm = algorithm;
        this.key = key;
        this.parameters = parameters;
    }

    /** @return an operator for {@code contentAlgorithm}, or null when it is not AES-GCM with a 12-byte nonce */
    static RecipientOperator operatorFor(AlgorithmIdentifier contentAlgorithm, Key contentKey) {
        ASN1ObjectIdentifier oid = contentAlgorithm.getAlgorithm();
        if (!(oid.equals(NISTObjectIdentifiers.id_aes128_GCM) || oid.equals(NISTObjectIdentifiers.id_aes192_GCM)
                || oid.equals(NISTObjectIdentifiers.id_aes256_GCM))) {
            return null;
        }
        GCMParameters parameters = GCMParameters.getInstance(contentAlgorithm.getParameters());
        if (parameters.getNonce().length != GcmDecryptingInputStream.NONCE_BYTES) {
            return null;
        }
        return new RecipientOperator(new FastGcmDecryptor(contentAlgorithm, contentKey, parameters));
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public InputStream getInputStream(InputStream encrypted) {
        try {
            stream = new GcmDecryptingInputStream(encrypted, new SecretKeySpec(key.getEncoded(), "AES"),
                    parameters.getNonce(), parameters.getIcvLen());
            return stream;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public OutputStream getAADStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                stream.updateAad(b, off, len);
            }
        };
    }

    @Override
    public byte[] getMAC() {
        return null;
    }
}
