package org.dragongate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real openssl command, so interop is tested against the tool partners actually use. */
public final class OpenSsl {
    private OpenSsl() {
    }

    /** Runs {@code openssl args...}; fails the test with openssl's stderr if it exits non-zero. */
    public static void run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("openssl", ".err");
            Process process = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("openssl timed out: " + command);
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Files.delete(err);
            if (process.exitValue() != 0) {
                throw new AssertionError("openssl failed (" + process.exitValue() + "): " + command + "\n" + stderr);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The partner recipe of docs/package-format.md: {@code openssl cms -sign -nodetach} then
     * {@code openssl cms -encrypt}, through an intermediate file.
     *
     * @param signOptions    extra options for the signing step (e.g. "-md", "sha1")
     * @param encryptOptions cipher and key options for the encryption step (e.g. "-aes-256-gcm", "-keyopt", ...)
     */
    public static Path signThenEncrypt(Path content, Path signerCert, Path signerKey, Path recipientCert,
                                       List<String> signOptions, List<String> encryptOptions, String outForm, Path out) throws IOException {
        Path signed = Files.createTempFile(out.getParent(), "signed", ".der");
        List<String> sign = new ArrayList<>(List.of("cms", "-sign", "-nodetach", "-binary", "-in", content.toString(),
                "-signer", signerCert.toString(), "-inkey", signerKey.toString(), "-outform", "DER", "-out", signed.toString()));
        sign.addAll(signOptions);
        run(sign.toArray(String[]::new));
        List<String> encrypt = new ArrayList<>(List.of("cms", "-encrypt", "-binary", "-in", signed.toString(),
                "-recip", recipientCert.toString(), "-outform", outForm, "-out", out.toString()));
        encrypt.addAll(encryptOptions);
        run(encrypt.toArray(String[]::new));
        Files.delete(signed);
        return out;
    }

    /** Runs {@code openssl args...} and returns what it wrote to stdout; fails the test with openssl's stderr if it exits non-zero. */
    public static String output(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("openssl", ".out");
            Path err = Files.createTempFile("openssl", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("openssl timed out: " + command);
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("openssl failed (" + process.exitValue() + "): " + command + "\n"
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new String(Files.readAllBytes(out), StandardCharsets.UTF_8); // lenient: dumps may hold any byte
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The recommended encryption options: AES-256-GCM (AuthEnvelopedData) with RSA-OAEP SHA-256. */
    public static List<String> oaepGcm() {
        return List.of("-aes-256-gcm", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256");
    }
}
