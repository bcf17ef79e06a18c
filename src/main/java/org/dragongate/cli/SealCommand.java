package org.dragongate.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;
import org.dragongate.trust.CertificateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Signs a notice with the partner's key, then encrypts it for the recipients (the gateway).",
                "With --attach, the content is MIME multipart/mixed: the notice first, then each attachment."})
public final class SealCommand implements Callable<Integer> {
    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The partner's signing key: PKCS#12 or PEM.")
    Path key;

    @Option(names = "--key-password", paramLabel = "PASSWORD", description = "Password of the key file.")
    String keyPassword;

    @Option(names = "--cert", paramLabel = "FILE", description = "Certificate (chain) of a PEM key that holds only the key.")
    Path certificate;

    @Option(names = "--to", required = true, paramLabel = "CERT", description = "Recipient certificate (the gateway's encryption certificate). Repeatable.")
    List<Path> recipients;

    @Option(names = "--attach", paramLabel = "FILE", description = "An attachment (photo, scan). Repeatable.")
    List<Path> attachments = new ArrayList<>();

    @Option(names = "--cipher", paramLabel = "CIPHER", description = "AES_256_GCM (default, AuthEnvelopedData), AES_128_GCM or AES_256_CBC (EnvelopedData).")
    SealOptions.ContentCipher cipher = SealOptions.ContentCipher.AES_256_GCM;

    @Option(names = "--pem", description = "Write PEM (-----BEGIN CMS-----) instead of DER.")
    boolean pem;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the package (default: FILE.p7m).")
    Path out;

    @Parameters(index = "0", paramLabel = "FILE", description = "The notice to seal (XML, JSON or CSV).")
    Path notice;

    @Override
    public Integer call() throws IOException {
        KeyMaterial signer = KeyFiles.load(key, keyPassword == null ? new char[0] : keyPassword.toCharArray(), certificate);
        List<X509Certificate> to = new ArrayList<>();
        for (Path recipient : recipients) {
            to.add(CertificateFiles.certificate(recipient));
        }
        Path target = out != null ? out : notice.resolveSibling(notice.getFileName() + ".p7m");
        SealOptions options = new SealOptions(cipher, pem ? SealOptions.Encoding.PEM : SealOptions.Encoding.DER);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(target), 64 * 1024)) {
            new PackageSealer().seal(signer, to, notice, attachments, options, os);
        }
        System.err.println("sealed " + notice + " -> " + target);
        return 0;
    }
}
