package org.dragongate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.dragongate.crypto.CryptoProviders;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.trust.Partner;

/**
 * Extra CAs and certificates for cases the example PKI does not cover (an unregistered CA, a signer
 * with a short key, a chosen validity window, key usage or signature algorithm), made with
 * BouncyCastle and written as PEM files (certificate + chain, unencrypted PKCS#8 key) so the
 * {@code openssl} command can sign with them.
 *
 * <pre>{@code
 * TestCertificates.Authority ca = TestCertificates.authority("Test Agency CA", dir);
 * TestCertificates.Issued signer = ca.endEntity("Test Agency Signer").rsa(1024).issue("short-key");
 * PartnerDirectory directory = PartnerDirectory.of(ca.partner("XX-TEST"));
 * }</pre>
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {
    }

    /** An issued certificate with its key; {@code chain} is the certificate followed by its CA. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain,
                         Path certificateFile, Path keyFile) {
        public Issued {
            chain = List.copyOf(chain);
        }

        public KeyMaterial keyMaterial() {
            return new KeyMaterial(privateKey, chain);
        }
    }

    /** A new self-signed RSA-2048 CA (SHA256withRSA, valid from yesterday for ten years), written to {@code dir/<slug>-ca.pem}. */
    public static Authority authority(String commonName, Path dir) {
        return authority(commonName, dir, null);
    }

    /** @param crlUri where the CA says it publishes its CRL (a CRL distribution point in its own certificate); null for none */
    public static Authority authority(String commonName, Path dir, String crlUri) {
        try {
            Files.createDirectories(dir);
            KeyPair keys = rsaKeys(2048);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Name subject = new X500Name("O=Dragongate Tests,CN=" + commonName);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            if (crlUri != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false, distributionPoint(crlUri));
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                            .setProvider(CryptoProviders.bouncyCastle()).build(keys.getPrivate())));
            Path file = dir.resolve(slug(commonName) + "-ca.pem");
            writePem(file, List.of(certificate));
            return new Authority(certificate, keys, file, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test CA", e);
        }
    }

    /** A test CA: issues end entities and can be registered as a partner's trust anchor. */
    public static final class Authority {
        private final X509Certificate certificate;
        private final KeyPair keys;
        private final Path certificateFile;
        private final Path dir;

        private Authority(X509Certificate certificate, KeyPair keys, Path certificateFile, Path dir) {
            this.certificate = certificate;
            this.keys = keys;
            this.certificateFile = certificateFile;
            this.dir = dir;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        public Path certificateFile() {
            return certificateFile;
        }

        /** A request with defaults: RSA-2048, digitalSignature + nonRepudiation, valid from yesterday for a year, SHA256withRSA. */
        public EndEntity endEntity(String commonName) {
            return new EndEntity(this, commonName);
        }

        /** This CA registered as the only trust anchor of partner {@code id}, without CRLs or legacy key transport. */
        public Partner partner(String id) {
            return new Partner(id, id, List.of(certificate), List.of(), List.of(), false, Set.of());
        }

        /** A CRL of this CA (BouncyCastle, SHA256withRSA) listing the given certificates as revoked (key compromise) a day before {@code thisUpdate}. */
        public X509CRL crl(Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
            return crlSignedBy(keys.getPrivate(), thisUpdate, nextUpdate, revoked);
        }

        /** A CRL that names this CA as its issuer but is signed with another key: a forgery. */
        public X509CRL forgedCrl(Instant thisUpdate, Instant nextUpdate) {
            try {
                return crlSignedBy(rsaKeys(2048).getPrivate(), thisUpdate, nextUpdate);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private X509CRL crlSignedBy(PrivateKey key, Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
            try {
                X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate.getSubjectX500Principal(), Date.from(thisUpdate));
                builder.setNextUpdate(Date.from(nextUpdate));
                for (X509Certificate certificate : revoked) {
                    builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate.minus(1, ChronoUnit.DAYS)), CRLReason.keyCompromise);
                }
                return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                        .setProvider(CryptoProviders.bouncyCastle()).build(key)));
            } catch (GeneralSecurityException | OperatorCreationException e) {
                throw new IllegalStateException("cannot make a test CRL", e);
            }
        }

        /** The CA's private key as an unencrypted PKCS#8 PEM file beside its certificate, for {@code openssl ca}. */
        public Path keyFile() {
            Path file = certificateFile.resolveSibling(certificateFile.getFileName().toString().replace(".pem", "-key.pem"));
            try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
                pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }
    }

    private static org.bouncycastle.asn1.x509.CRLDistPoint distributionPoint(String uri) {
        org.bouncycastle.asn1.x509.GeneralNames names = new org.bouncycastle.asn1.x509.GeneralNames(
                new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier, uri));
        return new org.bouncycastle.asn1.x509.CRLDistPoint(new org.bouncycastle.asn1.x509.DistributionPoint[] {
                new org.bouncycastle.asn1.x509.DistributionPoint(new org.bouncycastle.asn1.x509.DistributionPointName(names), null, null)});
    }

    /** What an end-entity certificate should look like; {@link #issue} makes it. */
    public static final class EndEntity {
        private final Authority issuer;
        private final String commonName;
        private String keyAlgorithm = "RSA";
        private int rsaBits = 2048;
        private String curve;
        private int keyUsage = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
        private Instant notBefore;
        private Instant notAfter;
        private String signatureAlgorithm = "SHA256withRSA";
        private String dnsName;
        private String crlUri;

        private EndEntity(Authority issuer, String commonName) {
            this.issuer = issuer;
            this.commonName = commonName;
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            this.notBefore = now.minus(1, ChronoUnit.DAYS);
            this.notAfter = now.plus(365, ChronoUnit.DAYS);
        }

        public EndEntity rsa(int bits) {
            this.keyAlgorithm = "RSA";
            this.rsaBits = bits;
            return this;
        }

        /** An EC key on a named curve, e.g. "secp256r1". */
        public EndEntity ec(String curveName) {
            this.keyAlgorithm = "EC";
            this.curve = curveName;
            return this;
        }

        /** Bits of {@link KeyUsage}, e.g. {@code KeyUsage.keyEncipherment}. */
        public EndEntity keyUsage(int usage) {
            this.keyUsage = usage;
            return this;
        }

        /** Certificate times have one-second resolution: pass whole seconds to compare with what is encoded. */
        public EndEntity validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** A DNS subject alternative name, for TLS server certificates (e.g. "localhost"). */
        public EndEntity dnsName(String name) {
            this.dnsName = name;
            return this;
        }

        /** A CRL distribution point: where the issuing CA says it publishes revocations of this certificate. */
        public EndEntity crlDistributionPoint(String uri) {
            this.crlUri = uri;
            return this;
        }

        /** The algorithm the CA signs this certificate with, e.g. "SHA1withRSA". */
        public EndEntity signatureAlgorithm(String algorithm) {
            this.signatureAlgorithm = algorithm;
            return this;
        }

        /** Makes the certificate and writes {@code <stem>.pem} (certificate, then CA) and {@code <stem>-key.pem} beside the CA. */
        public Issued issue(String stem) {
            try {
                KeyPair keys = "EC".equals(keyAlgorithm) ? ecKeys(curve) : rsaKeys(rsaBits);
                JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate, serial(),
                        Date.from(notBefore), Date.from(notAfter),
                        new X500Name("O=Dragongate Tests,CN=" + commonName), keys.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                if (dnsName != null) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                                    org.bouncycastle.asn1.x509.GeneralName.dNSName, dnsName)));
                }
                builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
                if (crlUri != null) {
                    builder.addExtension(Extension.cRLDistributionPoints, false, distributionPoint(crlUri));
                }
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuer.keys.getPublic()));
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(CryptoProviders.bouncyCastle())
                                .build(issuer.keys.getPrivate())));
                List<X509Certificate> chain = new ArrayList<>(List.of(certificate, issuer.certificate));
                Path certificateFile = issuer.dir.resolve(stem + ".pem");
                Path keyFile = issuer.dir.resolve(stem + "-key.pem");
                writePem(certificateFile, chain);
                try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(keyFile, StandardCharsets.US_ASCII))) {
                    pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
                }
                return new Issued(certificate, keys.getPrivate(), chain, certificateFile, keyFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException | OperatorCreationException e) {
                throw new IllegalStateException("cannot issue test certificate " + commonName, e);
            }
        }
    }

    private static KeyPair rsaKeys(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, RANDOM);
        return generator.generateKeyPair();
    }

    private static KeyPair ecKeys(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).setBit(62);
    }

    private static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static void writePem(Path file, List<X509Certificate> certificates) throws IOException {
        try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        }
    }
}
