package org.dragongate.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.dragongate.crypto.CryptoProviders;
import org.dragongate.crypto.KeyMaterial;

/**
 * Makes a new gateway key: an RSA 3072 or EC P-256 key pair and a self-signed certificate whose key
 * usage fits the purpose (key encipherment or key agreement to decrypt, digital signature to sign),
 * which partners pin (decryption) or contact points trust (signing).
 */
final class KeyGenerator {
    /** The key types an administrator may ask for. */
    enum Algorithm {
        RSA_3072, EC_P256;

        static Algorithm of(String word) {
            String w = word.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
            return switch (w) {
                case "RSA", "RSA3072" -> RSA_3072;
                case "EC", "ECP256", "P256" -> EC_P256;
                default -> throw new GatewayKeyException(GatewayKeyException.Problem.INVALID_INPUT,
                        "key algorithm '" + word + "' must be rsa (RSA 3072) or ec (EC P-256)");
            };
        }
    }

    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final SecureRandom random = new SecureRandom();

    KeyMaterial generate(KeyPurpose purpose, Algorithm algorithm, String commonName, Instant now, Duration validity) {
        try {
            KeyPairGenerator generator;
            if (algorithm == Algorithm.RSA_3072) {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(3072, random);
            } else {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Dragongate").addRDN(BCStyle.CN, commonName).build();
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random).add(BigInteger.ONE),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = purpose == KeyPurpose.SIGNING ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation
                    : algorithm == Algorithm.RSA_3072 ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement;
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            String signature = algorithm == Algorithm.RSA_3072 ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(signature).setProvider(CryptoProviders.bouncyCastle())
                            .build(keys.getPrivate())));
            return new KeyMaterial(keys.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot generate a gateway key: " + e.getMessage(), e);
        }
    }
}
