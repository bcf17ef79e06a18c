package org.dragongate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dragongate.crypto.AlgorithmPolicy;
import org.dragongate.crypto.GatewayKeys;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.OpenLimits;
import org.dragongate.crypto.PackageOpener;
import org.dragongate.pki.ExamplePki;
import org.dragongate.trust.CertificateFiles;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;

/**
 * The example PKI, generated once per test JVM by the same code as the keys-example command, with
 * the lookups tests need. Tests never read the committed keys-example/ directory.
 */
public final class TestPki {
    private static TestPki shared;

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    public static synchronized TestPki shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("dragongate-test-pki");
                new ExamplePki(Clock.systemUTC()).generate(dir);
                shared = new TestPki(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public Path dir() {
        return dir;
    }

    public static char[] password() {
        return ExamplePki.DEMO_PASSWORD.toCharArray();
    }

    public Path gatewayFile(String name) {
        return ExamplePki.gatewayDir(dir).resolve(name);
    }

    public Path partnerFile(String partnerId, String name) {
        return ExamplePki.partnerDir(dir, partnerId).resolve(name);
    }

    public Path contactPointFile(String contactPointId, String name) {
        return ExamplePki.contactPointDir(dir, contactPointId).resolve(name);
    }

    /** The gateway's RSA encryption key. */
    public KeyMaterial gatewayKey() {
        return load(gatewayFile("encryption.p12"));
    }

    public KeyMaterial gatewayEcKey() {
        return load(gatewayFile("encryption-ec.p12"));
    }

    public X509Certificate gatewayCertificate() {
        return gatewayKey().certificate();
    }

    /** A partner's signer by file stem: "signer", "expired-signer", "revoked-signer". */
    public KeyMaterial signer(String partnerId, String stem) {
        return load(partnerFile(partnerId, stem + ".p12"));
    }

    public KeyMaterial signer(String partnerId) {
        return signer(partnerId, ExamplePki.SIGNER);
    }

    public KeyMaterial contactPointKey(String contactPointId) {
        return load(contactPointFile(contactPointId, "encryption.p12"));
    }

    /** The partner as the gateway registers it: its CA as trust anchor, its CRL when it has one. */
    public Partner partner(String partnerId) {
        try {
            List<X509Certificate> anchors = CertificateFiles.certificates(partnerFile(partnerId, ExamplePki.CA_CERT_FILE));
            List<X509CRL> crls = new ArrayList<>();
            Path crl = partnerFile(partnerId, ExamplePki.CA_CRL_FILE);
            if (Files.exists(crl)) {
                crls.addAll(CertificateFiles.crls(crl));
            }
            String mail = ExamplePki.PARTNERS.stream().filter(p -> p.id().equals(partnerId)).findFirst().orElseThrow().mailAddress();
            return new Partner(partnerId, partnerId, anchors, List.of(), crls, false, Set.of(mail));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PartnerDirectory directory() {
        return PartnerDirectory.of(ExamplePki.PARTNER_IDS.stream().map(this::partner).toArray(Partner[]::new));
    }

    /** An opener with the gateway's RSA and EC keys, every example partner, strict policy and default limits. */
    public PackageOpener opener(Path workDir) {
        return new PackageOpener(new GatewayKeys(List.of(gatewayKey(), gatewayEcKey())), directory(),
                AlgorithmPolicy.strict(), OpenLimits.defaults(), workDir, Clock.systemUTC());
    }

    private static KeyMaterial load(Path p12) {
        try {
            return KeyFiles.load(p12, password(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
