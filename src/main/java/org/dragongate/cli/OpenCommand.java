package org.dragongate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dragongate.crypto.AlgorithmPolicy;
import org.dragongate.crypto.GatewayKeys;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.OpenLimits;
import org.dragongate.crypto.OpenedPackage;
import org.dragongate.crypto.PackageOpener;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.trust.CertificateFiles;
import org.dragongate.trust.Partner;
import org.dragongate.trust.PartnerDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Decrypts a sealed package with the given key(s) and verifies its signature against the given trust.",
                "Exit 0 and the content on success; exit 3 and 'REJECTED <CODE>: <message>' on stderr when refused."})
public final class OpenCommand implements Callable<Integer> {
    static final String CLI_PARTNER = "sender";

    @Option(names = "--key", required = true, paramLabel = "FILE",
            description = "Decryption key: PKCS#12 or PEM. Repeat for several keys (rollover).")
    List<Path> keys;

    @Option(names = "--key-password", paramLabel = "PASSWORD", description = "Password of the key file(s).")
    String keyPassword;

    @Option(names = "--cert", paramLabel = "FILE", description = "Certificate of a PEM key that holds only the key.")
    Path certificate;

    @Option(names = "--trust", required = true, paramLabel = "FILE",
            description = "The sender's CA certificate (trust anchor) or its pinned signer certificate, PEM or DER. Repeatable.")
    List<Path> trust;

    @Option(names = "--crl", paramLabel = "FILE", description = "CRL of the sender's CA; when given, revocation is checked. Repeatable.")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--allow-pkcs1-key-transport", description = "Accept RSA PKCS#1 v1.5 key transport (legacy senders only).")
    boolean allowLegacyKeyTransport;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the content here instead of standard output.")
    Path out;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where content is spooled while opening (default: the system temp dir).")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"));

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "The sealed package (DER, PEM or Base64).")
    Path sealedPackage;

    @Override
    public Integer call() throws IOException {
        char[] password = keyPassword == null ? new char[0] : keyPassword.toCharArray();
        List<org.dragongate.crypto.KeyMaterial> material = new ArrayList<>();
        for (Path key : keys) {
            material.add(KeyFiles.load(key, password, certificate));
        }
        PackageOpener opener = new PackageOpener(new GatewayKeys(material), PartnerDirectory.of(sender()),
                AlgorithmPolicy.strict(), OpenLimits.defaults(), workDir, Clock.systemUTC());
        try (InputStream in = Files.newInputStream(sealedPackage);
             OpenedPackage opened = opener.open(in, CLI_PARTNER)) {
            try (InputStream content = opened.content().openStream(); OutputStream target = target()) {
                content.transferTo(target);
            }
            System.err.println("OK signed by " + opened.signer().getSubjectX500Principal().getName()
                    + " at " + opened.signingTime() + ", package sha256 " + opened.packageSha256());
            return 0;
        } catch (PackageRejected e) {
            System.err.println(e.summary());
            return DragongateCli.EXIT_REJECTED;
        }
    }

    /** The --trust files become one ad-hoc partner: CA certificates are anchors, others are pinned. */
    private Partner sender() throws IOException {
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509Certificate> pinned = new ArrayList<>();
        for (Path file : trust) {
            for (X509Certificate cert : CertificateFiles.certificates(file)) {
                (cert.getBasicConstraints() >= 0 ? anchors : pinned).add(cert);
            }
        }
        List<X509CRL> revocations = new ArrayList<>();
        for (Path file : crls) {
            revocations.addAll(CertificateFiles.crls(file));
        }
        return new Partner(CLI_PARTNER, CLI_PARTNER, anchors, pinned, revocations, allowLegacyKeyTransport, Set.of());
    }

    private OutputStream target() throws IOException {
        if (out == null) {
            PrintStream stdout = System.out;
            return new java.io.FilterOutputStream(stdout) {
                @Override
                public void close() {
                    stdout.flush();
                }
            };
        }
        return Files.newOutputStream(out);
    }
}
