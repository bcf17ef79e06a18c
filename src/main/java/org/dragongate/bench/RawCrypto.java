package org.dragongate.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dragongate.crypto.AlgorithmPolicy;
import org.dragongate.crypto.GatewayKeys;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.OpenLimits;
import org.dragongate.crypto.OpenedPackage;
import org.dragongate.crypto.PackageOpener;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;
import org.dragongate.delivery.DeliverySealer;
import org.dragongate.delivery.DeliveryTarget;
import org.dragongate.pki.ExamplePki;
import org.dragongate.trust.CertificateFiles;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import org.dragongate.trust.PartnerDirectoryFile;

/**
 * The floors the end-to-end figures are compared with, measured on the same sealed packages with the
 * gateway's code and keys, two threads, no gateway around it:
 * <ul>
 *   <li><b>open</b>: decrypt and verify (issue 8's "raw rate of the same crypto");</li>
 *   <li><b>the flow's cryptography</b>: open, then what the gateway must sign and encrypt for the
 *       package: the notice signed once and encrypted for each of the two contact points it is routed
 *       to (VN-ENV-POLICE, an EC key, and RILO-AP, RSA), and a receipt signed. With the shipped RSA-3072
 *       signing key, three private-key operations where opening has one: no gateway, however lean, is
 *       faster than this.</li>
 * </ul>
 */
final class RawCrypto {
    static final List<String> CONTACT_POINTS = List.of(ExamplePki.VN_ENV_POLICE, ExamplePki.RILO_AP);
    private static final int THREADS = 2;
    /** About the size of a signed receipt's content (ReceiptXml). */
    private static final byte[] RECEIPT = ("<receipt xmlns=\"urn:dragongate:receipt:1\">" + "x".repeat(700) + "</receipt>")
            .getBytes(StandardCharsets.UTF_8);

    /** Small packages per second for each floor, and MB/s opening the first large package (NaN where there is none). */
    record Rates(double open, double flowCrypto, double largeOpenMegabytes) {
    }

    private final PackageOpener opener;
    private final KeyMaterial signer;
    private final List<DeliveryTarget> contactPoints = new ArrayList<>();

    /** @param signingKey the gateway's signing key (PKCS#12, the example PKI's password); null for the example PKI's */
    RawCrypto(Path config, Path keys, Path signingKey, Path spool) throws IOException {
        Files.createDirectories(spool);
        Path gateway = ExamplePki.gatewayDir(keys);
        char[] password = ExamplePki.DEMO_PASSWORD.toCharArray();
        this.opener = new PackageOpener(GatewayKeys.of(KeyFiles.load(gateway.resolve("encryption.p12"), password, null)),
                PartnerDirectory.of(PartnerDirectoryFile.read(config.resolveSibling("partners.yaml")).stream()
                        .map(PartnerDirectoryFile.Entry::partner).toArray(Partner[]::new)), AlgorithmPolicy.strict(),
                OpenLimits.defaults(), spool, Clock.systemUTC());
        this.signer = KeyFiles.load(signingKey != null ? signingKey : gateway.resolve("signing.p12"), password, null);
        for (String id : CONTACT_POINTS) {
            contactPoints.add(new DeliveryTarget(id, URI.create("http://127.0.0.1/"),
                    CertificateFiles.certificate(keys.resolve(ExamplePki.CONTACT_POINTS_DIR).resolve(id).resolve("encryption.pem")), null));
        }
    }

    String signingKeyAlgorithm() {
        return signer.privateKey().getAlgorithm();
    }

    Rates measure(List<BenchPackage> packages) throws Exception {
        List<BenchPackage> small = packages.stream().filter(p -> !p.large()).toList();
        double open = Double.NaN;
        double flow = Double.NaN;
        if (!small.isEmpty()) {
            List<byte[]> bytes = new ArrayList<>();
            for (BenchPackage pkg : small) {
                bytes.add(Files.readAllBytes(pkg.file()));
            }
            DeliverySealer sealer = new DeliverySealer(signer);
            PackageSealer receipts = new PackageSealer();
            open = rate(small, bytes, opened -> { });
            flow = rate(small, bytes, opened -> {
                sealer.sealFor(contactPoints, opened.notice().data().bytes());
                receipts.sign(signer, new ByteArrayInputStream(RECEIPT), SealOptions.Encoding.DER, OutputStream.nullOutputStream());
            });
        }
        double large = Double.NaN;
        BenchPackage first = packages.stream().filter(BenchPackage::large).findFirst().orElse(null);
        if (first != null) {
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(first.file())) {
                open(in, first.partnerId(), opened -> { });
            }
            large = first.bytes() / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
        return new Rates(open, flow, large);
    }

    private interface AfterOpen {
        void accept(OpenedPackage opened) throws Exception;
    }

    /** Warmed up on one round, measured on the next. */
    private double rate(List<BenchPackage> small, List<byte[]> bytes, AfterOpen then) {
        AtomicInteger next = new AtomicInteger();
        CryptoBenchmark.Task one = () -> {
            int i = Math.floorMod(next.getAndIncrement(), small.size());
            open(new ByteArrayInputStream(bytes.get(i)), small.get(i).partnerId(), then);
        };
        int count = Math.max(small.size(), 200);
        CryptoBenchmark.rate(count, THREADS, one);
        return CryptoBenchmark.rate(count, THREADS, one).perSecond();
    }

    private void open(InputStream in, String partnerId, AfterOpen then) throws Exception {
        try (OpenedPackage opened = opener.open(in, partnerId)) {
            if (opened.content().size() <= 0) {
                throw new IllegalStateException("empty content");
            }
            then.accept(opened);
        }
    }
}
