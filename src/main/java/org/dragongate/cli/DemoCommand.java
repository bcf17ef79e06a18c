package org.dragongate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.dragongate.crypto.AlgorithmPolicy;
import org.dragongate.crypto.Document;
import org.dragongate.crypto.GatewayKeys;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.OpenLimits;
import org.dragongate.crypto.OpenedPackage;
import org.dragongate.crypto.PackageOpener;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;
import org.dragongate.pki.ExamplePki;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.trust.CertificateFiles;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Shows the sealed-package core with the example PKI: a partner seals a notice with an attachment,
 * the gateway opens it, and two bad packages are refused with their reason codes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Seals the example notice as CN-GACC, opens it as the gateway, then shows two refusals.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keys", paramLabel = "DIR", description = "Example PKI (default: ${DEFAULT-VALUE}).")
    Path keys = Path.of(ExamplePki.DEFAULT_OUT_DIR);

    @Option(names = "--examples", paramLabel = "DIR", description = "Example notices (default: ${DEFAULT-VALUE}).")
    Path examples = Path.of("examples");

    @Option(names = "--out", paramLabel = "DIR", description = "Where the demo writes its packages (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("data", "demo");

    @Override
    public Integer call() throws IOException {
        PrintStream console = System.out;
        char[] password = ExamplePki.DEMO_PASSWORD.toCharArray();
        KeyMaterial partnerKey = KeyFiles.load(ExamplePki.partnerDir(keys, ExamplePki.CN_GACC).resolve("signer.p12"), password, null);
        KeyMaterial gatewayKey = KeyFiles.load(ExamplePki.gatewayDir(keys).resolve("encryption.p12"), password, null);
        PartnerDirectory directory = PartnerDirectory.of(partner(ExamplePki.CN_GACC), partner(ExamplePki.AU_ABF));
        Files.createDirectories(out);
        PackageOpener gateway = new PackageOpener(GatewayKeys.of(gatewayKey), directory, AlgorithmPolicy.strict(),
                OpenLimits.defaults(), out.resolve("work"), Clock.systemUTC());

        Path sealed = out.resolve("notice-alert.xml.p7m");
        try (OutputStream os = Files.newOutputStream(sealed)) {
            new PackageSealer().seal(partnerKey, List.of(gatewayKey.certificate()), examples.resolve("notice-alert.xml"),
                    List.of(examples.resolve("bill-of-lading.txt")), SealOptions.defaults(), os);
        }
        console.println("1. CN-GACC sealed examples/notice-alert.xml with an attachment -> " + sealed + " (" + Files.size(sealed) + " bytes)");

        try (InputStream in = Files.newInputStream(sealed); OpenedPackage opened = gateway.open(in, ExamplePki.CN_GACC)) {
            console.println("2. The gateway opened it: partner " + opened.partner().id() + ", signed by "
                    + opened.signer().getSubjectX500Principal().getName() + " at " + opened.signingTime());
            console.println("   package sha256 " + opened.packageSha256() + ", " + opened.contentCipher());
            for (Document document : opened.documents()) {
                console.println("   document " + document.name() + " (" + document.mediaType() + ", " + document.size() + " bytes, sha256 " + document.sha256Hex() + ")");
            }
        } catch (PackageRejected e) {
            console.println("   unexpected refusal: " + e.summary());
            return 1;
        }

        byte[] tampered = Files.readAllBytes(sealed);
        tampered[tampered.length - 40] ^= 1;
        console.println("3. The same package with one bit flipped in transit: " + refusal(gateway, tampered, ExamplePki.CN_GACC));
        console.println("4. The intact package arriving on AU-ABF's channel: " + refusal(gateway, Files.readAllBytes(sealed), ExamplePki.AU_ABF));
        console.println("Next: the same with your own files, see README.md (seal, open).");
        return 0;
    }

    private Partner partner(String id) throws IOException {
        return new Partner(id, id, CertificateFiles.certificates(ExamplePki.partnerDir(keys, id).resolve(ExamplePki.CA_CERT_FILE)),
                List.of(), List.of(), false, java.util.Set.of());
    }

    private static String refusal(PackageOpener gateway, byte[] sealed, String channel) throws IOException {
        try (OpenedPackage opened = gateway.open(new java.io.ByteArrayInputStream(sealed), channel)) {
            return "opened (unexpected)";
        } catch (PackageRejected e) {
            return e.summary();
        }
    }
}
