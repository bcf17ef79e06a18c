package org.dragongate.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.dragongate.crypto.AlgorithmPolicy;
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

/**
 * Measures opening packages against the floor set by the cryptography itself, in the same JVM
 * and run: for small packages the raw cost is one RSA-OAEP decryption, AES-GCM over the content and
 * one signature verification; for a large one it is AES-CTR plus GHASH plus SHA-256 over every byte.
 */
public final class CryptoBenchmark {
    private static final String PARTNER = ExamplePki.CN_GACC;

    private final Path keys;
    private final Path workDir;
    private final PrintStream out;

    public CryptoBenchmark(Path keys, Path workDir, PrintStream out) {
        this.keys = keys;
        this.workDir = workDir;
        this.out = out;
    }

    public void run(int smallCount, int smallBytes, long largeBytes) throws IOException, GeneralSecurityException, PackageRejected {
        KeyMaterial gateway = KeyFiles.load(ExamplePki.gatewayDir(keys).resolve("encryption.p12"), ExamplePki.DEMO_PASSWORD.toCharArray(), null);
        KeyMaterial signer = KeyFiles.load(ExamplePki.partnerDir(keys, PARTNER).resolve("signer.p12"), ExamplePki.DEMO_PASSWORD.toCharArray(), null);
        Partner partner = new Partner(PARTNER, PARTNER, CertificateFiles.certificates(ExamplePki.partnerDir(keys, PARTNER).resolve("ca.pem")),
                List.of(), List.of(), false, java.util.Set.of());
        PackageOpener opener = new PackageOpener(GatewayKeys.of(gateway), PartnerDirectory.of(partner), AlgorithmPolicy.strict(),
                OpenLimits.defaults(), workDir, Clock.systemUTC());

        out.printf("machine: %d cores, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        smallPackages(opener, gateway, signer, smallCount, smallBytes);
        if (largeBytes > 0) {
            largePackage(opener, gateway, signer, largeBytes);
        }
        out.printf("peak RSS: %d MB%n", PeakRss.kilobytes() / 1024);
    }

    private void smallPackages(PackageOpener opener, KeyMaterial gateway, KeyMaterial signer, int count, int size)
            throws IOException, GeneralSecurityException, PackageRejected {
        byte[] sealed = sealInMemory(signer, gateway, size);
        RawSmall raw = new RawSmall(gateway, signer, size);
        for (int i = 0; i < Math.max(200, count / 5); i++) { // warm-up: let the JIT compile both paths
            raw.once();
            openOnce(opener, sealed);
        }
        out.printf("%n3 KB-class packages: %d bytes of content, RSA-3072 OAEP, AES-256-GCM, RSA-3072 signature, %d packages%n", size, count);
        for (int threads : new int[] {1, 2}) {
            Measurement raw1 = rate(count, threads, raw::once);
            Measurement open1 = rate(count, threads, () -> openOnce(opener, sealed));
            out.printf("  %d thread(s): open %.0f packages/s, raw crypto %.0f/s, open/raw %.0f%%;"
                            + " CPU per package: open %.2f ms, raw %.2f ms, raw/open %.0f%%%n",
                    threads, open1.perSecond(), raw1.perSecond(), 100 * open1.perSecond() / raw1.perSecond(),
                    open1.cpuMillisPerTask(), raw1.cpuMillisPerTask(), 100 * raw1.cpuMillisPerTask() / open1.cpuMillisPerTask());
        }
    }

    private void largePackage(PackageOpener opener, KeyMaterial gateway, KeyMaterial signer, long bytes)
            throws IOException, GeneralSecurityException, PackageRejected {
        Path content = workDir.resolve("bench-large.bin");
        Path sealed = workDir.resolve("bench-large.p7m");
        try {
            writeContent(content, bytes);
            try (OutputStream os = Files.newOutputStream(sealed)) {
                new PackageSealer().seal(signer, List.of(gateway.certificate()), content, List.of(), SealOptions.defaults(), os);
            }
            Files.delete(content);
            // Warm-up: the AES-CTR and GHASH intrinsics apply only once their callers are compiled.
            rawLarge(Math.min(bytes, 256L << 20));
            openLarge(opener, sealed, bytes);
            double rawSeconds = rawLarge(bytes);
            long start = System.nanoTime();
            openLarge(opener, sealed, bytes);
            double seconds = (System.nanoTime() - start) / 1e9;
            double mb = bytes / 1e6;
            out.printf("%nlarge package: %.0f MB, AES-256-GCM, one thread%n", mb);
            out.printf("  open %.0f MB/s (%.2f s), raw crypto (AES-CTR + GHASH + SHA-256) %.0f MB/s, open/raw %.0f%%%n",
                    mb / seconds, seconds, mb / rawSeconds, 100 * rawSeconds / seconds);
        } finally {
            Files.deleteIfExists(content);
            Files.deleteIfExists(sealed);
        }
    }

    private static void openLarge(PackageOpener opener, Path sealed, long bytes) throws IOException, PackageRejected {
        try (InputStream in = Files.newInputStream(sealed); OpenedPackage opened = opener.open(in, PARTNER)) {
            if (opened.content().size() != bytes) {
                throw new IllegalStateException("opened " + opened.content().size() + " bytes, sealed " + bytes);
            }
        }
    }

    private static void openOnce(PackageOpener opener, byte[] sealed) throws IOException, PackageRejected {
        try (OpenedPackage opened = opener.open(new ByteArrayInputStream(sealed), PARTNER)) {
            if (opened.content().size() <= 0) {
                throw new IllegalStateException("empty content");
            }
        }
    }

    private byte[] sealInMemory(KeyMaterial signer, KeyMaterial gateway, int size) throws IOException {
        Path content = Files.createTempFile(workDir, "bench", ".xml");
        try {
            writeContent(content, size);
            ByteArrayOutputStream sealed = new ByteArrayOutputStream();
            new PackageSealer().seal(signer, List.of(gateway.certificate()), content, List.of(), SealOptions.defaults(), sealed);
            return sealed.toByteArray();
        } finally {
            Files.delete(content);
        }
    }

    static void writeContent(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        new SecureRandom().nextBytes(block);
        try (OutputStream os = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                os.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    /** The same primitives a small package needs, without any CMS around them. */
    private static final class RawSmall {
        private final KeyMaterial gateway;
        private final KeyMaterial signer;
        private final byte[] wrappedKey;
        private final byte[] ciphertext;
        private final byte[] nonce = new byte[12];
        private final byte[] signedAttributes = new byte[120];
        private final byte[] signature;
        private final OAEPParameterSpec oaep = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

        RawSmall(KeyMaterial gateway, KeyMaterial signer, int size) throws GeneralSecurityException {
            this.gateway = gateway;
            this.signer = signer;
            SecureRandom random = new SecureRandom();
            byte[] key = new byte[32];
            random.nextBytes(key);
            random.nextBytes(nonce);
            Cipher wrap = Cipher.getInstance("RSA/ECB/OAEPPadding");
            wrap.init(Cipher.ENCRYPT_MODE, gateway.certificate().getPublicKey(), oaep);
            wrappedKey = wrap.doFinal(key);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            ciphertext = gcm.doFinal(new byte[size]);
            Signature sign = Signature.getInstance("SHA256withRSA");
            sign.initSign(signer.privateKey());
            sign.update(signedAttributes);
            signature = sign.sign();
        }

        void once() throws GeneralSecurityException {
            Cipher unwrap = Cipher.getInstance("RSA/ECB/OAEPPadding");
            unwrap.init(Cipher.DECRYPT_MODE, gateway.privateKey(), oaep);
            byte[] key = unwrap.doFinal(wrappedKey);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            byte[] plain = gcm.doFinal(ciphertext);
            MessageDigest.getInstance("SHA-256").digest(plain);
            Signature verify = Signature.getInstance("SHA256withRSA");
            verify.initVerify(signer.certificate().getPublicKey());
            verify.update(signedAttributes);
            if (!verify.verify(signature)) {
                throw new IllegalStateException("raw signature did not verify");
            }
        }
    }

    /** Seconds for AES-256-CTR, GHASH (by GCM encryption) and SHA-256 over {@code bytes}, in 64 KB chunks. */
    private static double rawLarge(long bytes) throws GeneralSecurityException {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        byte[] counter = new byte[16];
        byte[] chunk = new byte[64 * 1024];
        byte[] plain = new byte[chunk.length];
        byte[] scratch = new byte[chunk.length + 16];
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long start = System.nanoTime();
        for (long done = 0; done < bytes; done += chunk.length) {
            ctr.update(chunk, 0, chunk.length, plain, 0);
            gcm.update(plain, 0, plain.length, scratch, 0);
            sha.update(plain);
        }
        gcm.doFinal();
        sha.digest();
        return (System.nanoTime() - start) / 1e9;
    }

    interface Task {
        void run() throws Exception;
    }

    /** Wall-clock rate, and CPU time per task: the second is barely disturbed by other load on the machine. */
    record Measurement(double perSecond, double cpuMillisPerTask) {
    }

    static Measurement rate(int count, int threads, Task task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger left = new AtomicInteger(count);
        AtomicLong cpuNanos = new AtomicLong();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long cpuStart = cpu.getCurrentThreadCpuTime();
                    while (left.getAndDecrement() > 0) {
                        task.run();
                    }
                    cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("benchmark task failed", e);
        } finally {
            pool.shutdown();
        }
        return new Measurement(count / ((System.nanoTime() - start) / 1e9), cpuNanos.get() / 1e6 / count);
    }
}
