package org.dragongate.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dragongate.crypto.KeyFiles;
import org.dragongate.crypto.KeyMaterial;
import org.dragongate.crypto.PackageSealer;
import org.dragongate.crypto.SealOptions;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.DeliveryStore;
import org.dragongate.store.GatewayNoticeId;

/**
 * Seals the benchmark's packages as the example partners would: CN-GACC's wildlife alerts in the
 * common schema (SFTP; config/routing.yaml sends each to VN-ENV-POLICE and a copy to RILO-AP) and
 * AU-ABF's drug alerts in its own JSON layout (mail; to VN-DRUG-POLICE). Every notice gets a
 * reference of its own, so none is a duplicate and each delivery's Idempotency-Key names it.
 */
final class BenchPackages {
    private static final String PADDING = "Container suspected to carry goods declared as something else. ";

    private final Path keys;
    private final Path dir;
    private final String runId;
    private final Path examples;

    BenchPackages(Path keys, Path examples, Path dir, String runId) throws IOException {
        this.keys = keys;
        this.examples = examples;
        this.dir = Files.createDirectories(dir);
        this.runId = runId;
    }

    /**
     * @param mailEvery every how many small packages one goes by mail instead (0: none)
     */
    List<BenchPackage> seal(int small, int noticeBytes, int mailEvery, int large, long largeBytes) throws IOException {
        KeyMaterial gateway = KeyFiles.load(ExamplePki.gatewayDir(keys).resolve("encryption.p12"), ExamplePki.DEMO_PASSWORD.toCharArray(), null);
        KeyMaterial cnGacc = signer(ExamplePki.CN_GACC);
        KeyMaterial auAbf = signer(ExamplePki.AU_ABF);
        List<BenchPackage> packages = new ArrayList<>();
        for (int i = 1; i <= small; i++) {
            boolean mail = mailEvery > 0 && i % mailEvery == 0;
            String reference = (mail ? "ABF-" : "CN-") + runId + "-" + i;
            Path notice = mail ? write(reference + ".json", auAbfAlert(reference, noticeBytes)) : write(reference + ".xml", cnGaccAlert(reference, noticeBytes));
            packages.add(mail
                    ? sealed(auAbf, gateway, ExamplePki.AU_ABF, BenchPackage.Channel.MAIL, false, reference, notice, List.of(), "VN-DRUG-POLICE")
                    : sealed(cnGacc, gateway, ExamplePki.CN_GACC, BenchPackage.Channel.SFTP, false, reference, notice, List.of(),
                    "VN-ENV-POLICE", "RILO-AP"));
            Files.delete(notice);
        }
        if (large > 0) {
            Path attachment = dir.resolve("attachment.bin");
            CryptoBenchmark.writeContent(attachment, largeBytes);
            for (int i = 1; i <= large; i++) {
                String reference = "CN-" + runId + "-L" + i;
                Path notice = write(reference + ".xml", cnGaccAlert(reference, 3 * 1024));
                packages.add(sealed(cnGacc, gateway, ExamplePki.CN_GACC, BenchPackage.Channel.SFTP, true, reference, notice,
                        List.of(attachment), "VN-ENV-POLICE", "RILO-AP"));
                Files.delete(notice);
            }
            Files.delete(attachment);
        }
        return packages;
    }

    private KeyMaterial signer(String partnerId) throws IOException {
        return KeyFiles.load(ExamplePki.partnerDir(keys, partnerId).resolve("signer.p12"), ExamplePki.DEMO_PASSWORD.toCharArray(), null);
    }

    private BenchPackage sealed(KeyMaterial signer, KeyMaterial gateway, String partnerId, BenchPackage.Channel channel, boolean large,
                                String reference, Path notice, List<Path> attachments, String... contactPoints) throws IOException {
        Path out = dir.resolve(reference + ".p7m");
        try (OutputStream os = Files.newOutputStream(out)) {
            new PackageSealer().seal(signer, List.of(gateway.certificate()), notice, attachments, SealOptions.defaults(), os);
        }
        String noticeId = GatewayNoticeId.of(partnerId, reference, 1);
        List<String> keys = new ArrayList<>();
        for (String contactPoint : contactPoints) {
            keys.add(DeliveryStore.keyOf(noticeId, contactPoint));
        }
        return new BenchPackage(partnerId, channel, large, reference, out, Files.size(out), List.copyOf(keys));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** The shipped example alert with the reference and a summary padded so the document is about {@code bytes} long. */
    private String cnGaccAlert(String reference, int bytes) throws IOException {
        return fill(examples.resolve("notice-alert.xml"), "(<id>)[^<]*(</id>)", reference, "(<summary>)[^<]*(</summary>)", bytes);
    }

    private String auAbfAlert(String reference, int bytes) throws IOException {
        return fill(examples.resolve("au-abf-alert.json"), "(\"reference\": \")[^\"]*(\")", reference, "(\"narrative\": \")[^\"]*(\")", bytes);
    }

    private static String fill(Path example, String idPattern, String reference, String textPattern, int bytes) throws IOException {
        String document = replaceOnce(Files.readString(example), idPattern, reference, example);
        String empty = replaceOnce(document, textPattern, "", example);
        return replaceOnce(empty, textPattern, padding(bytes - empty.length()), example);
    }

    private static String replaceOnce(String document, String pattern, String value, Path example) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(document);
        if (!m.find()) {
            throw new IllegalStateException(example + " no longer matches " + pattern);
        }
        return document.substring(0, m.start()) + m.group(1) + value + m.group(2) + document.substring(m.end());
    }

    /** Summary text of about {@code length} characters (at least one sentence, at most the schema's 8000). */
    private static String padding(int length) {
        int wanted = Math.max(PADDING.length(), Math.min(length, 7900));
        return PADDING.repeat(wanted / PADDING.length() + 1).substring(0, wanted).strip();
    }
}
