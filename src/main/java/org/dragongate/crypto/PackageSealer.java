package org.dragongate.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Seals a package the way the format prescribes: signs the content (attached, with signed
 * attributes), then encrypts the signed ContentInfo for each recipient, streaming throughout.
 * What it writes with RSA or ECDSA keys opens with {@code openssl cms -decrypt} followed by
 * {@code openssl cms -verify} (OpenSSL 3.0 cannot verify Ed25519 CMS signatures).
 */
public final class PackageSealer {
    /** BER chunk size: BouncyCastle's default of 1000 bytes makes readers pay per-chunk overhead on large packages. */
    private static final int CHUNK = 64 * 1024;

    private final Provider bc = CryptoProviders.bouncyCastle();

    /**
     * @param attachments when not empty, the content becomes MIME multipart/mixed with the notice first
     */
    public void seal(KeyMaterial signer, List<X509Certificate> recipients, Path notice, List<Path> attachments,
                     SealOptions options, OutputStream out) throws IOException {
        seal(signer, recipients, options, out, signed -> {
            if (attachments.isEmpty()) {
                try (InputStream in = Files.newInputStream(notice)) {
                    in.transferTo(signed);
                }
            } else {
                MultipartContent.write(signed, notice, MultipartContent.mediaType(notice), attachments);
            }
        });
    }

    /**
     * Seals one document that is already in hand (the gateway's canonical notice for a contact point):
     * signed, then encrypted for the recipients; the stream is read to its end, not closed.
     */
    public void seal(KeyMaterial signer, List<X509Certificate> recipients, InputStream content, SealOptions options,
                     OutputStream out) throws IOException {
        seal(signer, recipients, options, out, content::transferTo);
    }

    /**
     * Signs without encrypting (CMS SignedData, content attached, signed attributes): for a recipient
     * that has no encryption certificate. The stream is read to its end, not closed.
     */
    public void sign(KeyMaterial signer, InputStream content, SealOptions.Encoding encoding, OutputStream out) throws IOException {
        try {
            OutputStream encoded = encoding == SealOptions.Encoding.PEM ? new PemOutput(out) : MultipartContent.nonClosing(out);
            OutputStream signed = openSignature(signer, encoded);
            content.transferTo(signed);
            signed.close();
            encoded.close();
        } catch (CMSException | GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("signing failed: " + e.getMessage(), e);
        }
    }

    /**
     * Encrypts for the recipients what {@link #sign} wrote (DER): the same package {@code seal} makes, so
     * that one signature serves several envelopes (a notice for each of its contact points) and the
     * signer's private key is used once. The stream is read to its end, not closed.
     */
    public void encryptSigned(List<X509Certificate> recipients, InputStream signedData, SealOptions options, OutputStream out)
            throws IOException {
        try {
            OutputStream encoded = options.encoding() == SealOptions.Encoding.PEM ? new PemOutput(out) : MultipartContent.nonClosing(out);
            OutputStream encrypted = openEnvelope(recipients, options.cipher(), encoded);
            signedData.transferTo(encrypted);
            encrypted.close();
            encoded.close();
        } catch (CMSException | GeneralSecurityException e) {
            throw new IOException("sealing failed: " + e.getMessage(), e);
        }
    }

    /** Writes the content to sign into the signing stream. */
    private interface Content {
        void writeTo(OutputStream signed) throws IOException;
    }

    private void seal(KeyMaterial signer, List<X509Certificate> recipients, SealOptions options, OutputStream out, Content content)
            throws IOException {
        try {
            OutputStream encoded = options.encoding() == SealOptions.Encoding.PEM ? new PemOutput(out) : MultipartContent.nonClosing(out);
            OutputStream encrypted = openEnvelope(recipients, options.cipher(), encoded);
            OutputStream signed = openSignature(signer, encrypted);
            content.writeTo(signed);
            signed.close();
            encrypted.close();
            encoded.close();
        } catch (CMSException | GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("sealing failed: " + e.getMessage(), e);
        }
    }

    private OutputStream openSignature(KeyMaterial signer, OutputStream out)
            throws OperatorCreationException, GeneralSecurityException, CMSException, IOException {
        ContentSigner contentSigner = new JcaContentSignerBuilder(signatureAlgorithm(signer.privateKey())).build(signer.privateKey());
        CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
        generator.setBufferSize(CHUNK);
        // The default signed attributes are content-type, message-digest, signing-time and CMS algorithm protection.
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(contentSigner, signer.certificate()));
        generator.addCertificates(new JcaCertStore(signer.chain()));
        return generator.open(out, true);
    }

    private OutputStream openEnvelope(List<X509Certificate> recipients, SealOptions.ContentCipher cipher, OutputStream out)
            throws GeneralSecurityException, CMSException, IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a package needs at least one recipient");
        }
        List<RecipientInfoGenerator> infos = recipientInfos(recipients);
        if (cipher == SealOptions.ContentCipher.AES_256_CBC) {
            CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
            generator.setBufferSize(CHUNK);
            infos.forEach(generator::addRecipientInfoGenerator);
            OutputEncryptor encryptor = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build();
            return generator.open(out, encryptor);
        }
        ASN1ObjectIdentifier algorithm = cipher == SealOptions.ContentCipher.AES_128_GCM ? CMSAlgorithm.AES128_GCM : CMSAlgorithm.AES256_GCM;
        CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
        generator.setBufferSize(CHUNK);
        infos.forEach(generator::addRecipientInfoGenerator);
        // The JDK's GCM streams when encrypting (only its decryption buffers) and uses AES-NI, so it seals fastest.
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(algorithm).build();
        return generator.open(out, encryptor);
    }

    /** RSA recipients get RSA-OAEP with SHA-256; EC recipients ECDH with a fresh ephemeral key per curve. */
    private List<RecipientInfoGenerator> recipientInfos(List<X509Certificate> recipients) throws GeneralSecurityException {
        List<RecipientInfoGenerator> infos = new java.util.ArrayList<>();
        Map<String, JceKeyAgreeRecipientInfoGenerator> byCurve = new LinkedHashMap<>();
        for (X509Certificate recipient : recipients) {
            if (recipient.getPublicKey() instanceof ECKey ec) {
                String curve = ec.getParams().toString();
                JceKeyAgreeRecipientInfoGenerator generator = byCurve.get(curve);
                if (generator == null) {
                    KeyPair ephemeral = ephemeral(ec.getParams());
                    generator = new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                            ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).setProvider(bc);
                    byCurve.put(curve, generator);
                    infos.add(generator);
                }
                generator.addRecipient(recipient);
            } else {
                OAEPParameterSpec oaep = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
                infos.add(new JceKeyTransRecipientInfoGenerator(recipient,
                        new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, oaep))
                        .setProvider(bc));
            }
        }
        return infos;
    }

    private KeyPair ephemeral(ECParameterSpec curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
        generator.initialize(curve);
        return generator.generateKeyPair();
    }

    static String signatureAlgorithm(PrivateKey key) {
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return switch (key.getAlgorithm()) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> "SHA256withRSA";
        };
    }

    /** PEM armour in the form OpenSSL writes for CMS ({@code -----BEGIN CMS-----}, 64 columns). */
    private static final class PemOutput extends java.io.FilterOutputStream {
        private final OutputStream target;
        private final OutputStream base64;

        PemOutput(OutputStream target) throws IOException {
            super(target);
            this.target = target;
            target.write("-----BEGIN CMS-----\n".getBytes(StandardCharsets.US_ASCII));
            this.base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).wrap(MultipartContent.nonClosing(target));
        }

        @Override
        public void write(int b) throws IOException {
            base64.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            base64.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            base64.close();
            target.write("\n-----END CMS-----\n".getBytes(StandardCharsets.US_ASCII));
            target.flush();
        }
    }
}
