package org.dragongate.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.dragongate.cli.DragongateCli;
import org.dragongate.pki.ExamplePki;
import org.dragongate.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code dragongate open} in a child JVM with a deliberately small heap and stack, so
 * a package that would exhaust memory or recursion shows up as a crash instead of being hidden by the
 * test JVM's 1 GB. Each hostile package must end in a clean refusal (exit 3), and a package larger
 * than the heap must open.
 */
class SmallHeapTest {
    /** DER of the ContentInfo type id-ct-authEnvelopedData (1.2.840.113549.1.9.16.1.23). */
    private static final String AUTH_ENVELOPED_OID = "060b2a864886f70d0109100117";
    private static final String DATA_OID = "06092a864886f70d010701";
    private static final int NESTING = 200_000;
    private static final long MB = 1024 * 1024;

    private final TestPki pki = TestPki.shared();

    @TempDir
    Path temp;

    // a. ASN.1 nesting bombs

    /** 200,000 indefinite-length SEQUENCE headers: 400 KB that a recursive parser cannot survive. */
    @Test
    void refusesBareNestingBombWithoutExhaustingStackOrHeap() throws Exception {
        Path bomb = Files.write(temp.resolve("nesting.p7m"), repeat("3080", NESTING));

        Child child = open(bomb, "-Xmx32m", "-Xss512k");

        child.assertRefused("MALFORMED");
    }

    /**
     * The same nesting where a parser descends for real: a ContentInfo of type authEnvelopedData
     * whose recipientInfos SET (which BouncyCastle reads whole) is nested 200,000 deep.
     */
    @Test
    void refusesNestingBombInsideAuthEnvelopedDataWithoutExhaustingStackOrHeap() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(hex("3080" + AUTH_ENVELOPED_OID + "a080" + "3080" + "020100" + "3180"));
        bytes.write(repeat("3080", NESTING));
        bytes.write(repeat("0000", NESTING + 4));
        Path bomb = Files.write(temp.resolve("nested-envelope.p7m"), bytes.toByteArray());

        Child child = open(bomb, "-Xmx32m", "-Xss512k");

        child.assertRefused("MALFORMED");
    }

    // b. Declared lengths far beyond the bytes present

    /**
     * A ContentInfo claiming 0x7fffffff bytes in a file of a few dozen. The refusal is MALFORMED, not
     * TOO_LARGE: nothing large was received (the file is tiny, and 2 GB is within the default 4 GiB
     * package limit anyway); the structure lies about its own length, which is a broken structure.
     * The point is that no buffer of the declared size is allocated in a 32 MB heap.
     */
    @Test
    void refusesContentInfoClaiming2GbAsMalformedInSmallHeap() throws Exception {
        Path liar = Files.write(temp.resolve("long-content-info.p7m"), hex("30847fffffff" + AUTH_ENVELOPED_OID
                + "a0847fffffee" + "30847fffffe8" + "020100"));

        Child child = open(liar, "-Xmx32m");

        child.assertRefused("MALFORMED");
    }

    /**
     * A genuine AuthEnvelopedData header for the gateway (real recipient, real algorithm), whose
     * encrypted-content OCTET STRING claims 2 GB and then stops after 64 KB. Not TOO_LARGE: only
     * 64 KB arrived. Not MALFORMED either: the header is sound and decryption starts, then the
     * ciphertext ends before its tag, exactly as when a real package's upload breaks off. The answer
     * a person can act on is the one for a damaged package, DECRYPTION_FAILED ("damaged or altered
     * in transit ... send it again"). What matters here is that no 2 GB buffer is allocated.
     */
    @Test
    void refusesEncryptedContentClaiming2GbAsDamagedInSmallHeap() throws Exception {
        byte[] real = sealedNotice();
        AuthEnvelopedData envelope = AuthEnvelopedData.getInstance(
                ContentInfo.getInstance(ASN1Primitive.fromByteArray(real)).getContent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(hex("3080" + AUTH_ENVELOPED_OID + "a080" + "3080" + "020100"));
        bytes.write(envelope.getRecipientInfos().getEncoded(ASN1Encoding.DER));
        bytes.write(hex("3080" + DATA_OID));
        bytes.write(envelope.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getEncoded(ASN1Encoding.DER));
        bytes.write(hex("80847fffffff"));
        byte[] ciphertext = new byte[64 * 1024];
        new Random(1).nextBytes(ciphertext);
        bytes.write(ciphertext);
        Path liar = Files.write(temp.resolve("long-octet-string.p7m"), bytes.toByteArray());

        Child child = open(liar, "-Xmx32m");

        child.assertRefused("DECRYPTION_FAILED");
    }

    // c. Streaming

    /**
     * A 300 MB package opens in a 256 MB heap and comes out byte for byte: memory does not grow with
     * the package. The GC log's largest live set after a collection is checked as well, so buffering
     * part of the content (not just all of it) would show.
     */
    @Test
    void opensPackageLargerThanTheHeapByStreaming() throws Exception {
        Path content = temp.resolve("large-content.bin");
        Path sealed = temp.resolve("large.p7m");
        Path out = temp.resolve("large-out.bin");
        try {
            String inputSha256 = writeLargeContent(content, 300 * MB);
            try (OutputStream target = Files.newOutputStream(sealed)) {
                new PackageSealer().seal(pki.signer(ExamplePki.CN_GACC), List.of(pki.gatewayCertificate()), content, List.of(),
                        SealOptions.defaults(), target);
            }
            Files.delete(content);
            long packageBytes = Files.size(sealed);
            assertThat(packageBytes).isGreaterThan(300 * MB);
            Path gcLog = temp.resolve("gc.log");

            long started = System.nanoTime();
            Child child = open(sealed, out, "-Xmx256m", "-Xlog:gc:file=" + gcLog);
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(child.exit).as(child.output()).isZero();
            assertThat(sha256(out)).isEqualTo(inputSha256);
            long maxLiveMb = maxLiveAfterGcMb(gcLog);
            System.out.printf("opened %d MB in a -Xmx256m child JVM in %.1f s (%.0f MB/s, JVM start included); "
                    + "largest live heap after GC %d MB%n", packageBytes / MB, seconds, packageBytes / MB / seconds, maxLiveMb);
            assertThat(maxLiveMb).as("largest live heap after a GC, in MB").isLessThan(64);
        } finally {
            Files.deleteIfExists(content);
            Files.deleteIfExists(sealed);
            Files.deleteIfExists(out);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** What the child JVM did. */
    private record Child(int exit, String stdout, String stderr) {
        String output() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }

        void assertRefused(String reason) {
            assertThat(exit).as(output()).isEqualTo(DragongateCli.EXIT_REJECTED);
            assertThat(stderr).as(output()).contains("REJECTED " + reason);
            assertThat(stdout + stderr).doesNotContain("OutOfMemoryError").doesNotContain("StackOverflowError");
        }
    }

    private Child open(Path sealedPackage, String... jvmOptions) throws Exception {
        return open(sealedPackage, temp.resolve("out.bin"), jvmOptions);
    }

    /** {@code dragongate open} in a fresh JVM: same java binary and classpath as this test, the given heap and stack. */
    private Child open(Path sealedPackage, Path out, String... jvmOptions) throws Exception {
        Path workDir = Files.createDirectories(temp.resolve("work"));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DragongateCli.class.getName(), "open",
                "--key", pki.gatewayFile("encryption.p12").toString(), "--key-password", ExamplePki.DEMO_PASSWORD,
                "--trust", pki.partnerFile(ExamplePki.CN_GACC, ExamplePki.CA_CERT_FILE).toString(),
                "--work-dir", workDir.toString(), "--out", out.toString(), sealedPackage.toString()));
        Path stdout = temp.resolve("child.out");
        Path stderr = temp.resolve("child.err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish within 120 s: " + command);
        }
        try (var left = Files.list(workDir)) {
            assertThat(left.toList()).as("spool files left in the work dir").isEmpty();
        }
        return new Child(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private byte[] sealedNotice() throws IOException {
        Path notice = Files.writeString(temp.resolve("notice.xml"), "<notice id=\"JP-2024-0042\"/>\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PackageSealer().seal(pki.signer(ExamplePki.CN_GACC), List.of(pki.gatewayCertificate()), notice, List.of(),
                SealOptions.defaults(), out);
        return out.toByteArray();
    }

    /** Random-looking but cheap: one random megabyte, repeated. Returns the SHA-256 of what was written. */
    private static String writeLargeContent(Path file, long size) throws IOException {
        byte[] block = new byte[(int) MB];
        new Random(42).nextBytes(block);
        MessageDigest digest = Spool.newSha256Digest();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Spool.newSha256Digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The largest heap occupancy right after a collection, from unified GC log lines such as "24M->3M(32M)". */
    private static long maxLiveAfterGcMb(Path gcLog) throws IOException {
        Matcher matcher = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gcLog));
        long max = 0;
        boolean any = false;
        while (matcher.find()) {
            any = true;
            max = Math.max(max, Long.parseLong(matcher.group(2)));
        }
        assertThat(any).as("the child's GC log records at least one collection").isTrue();
        return max;
    }

    private static byte[] repeat(String hex, int times) {
        byte[] unit = hex(hex);
        byte[] all = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, all, i * unit.length, unit.length);
        }
        return all;
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
