package org.dragongate.crypto;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content held on disk rather than in the heap, readable only by the gateway's user, deleted on
 * close. Writing records the size and SHA-256 as bytes pass, so nothing is read twice to learn them.
 */
public final class Spool implements AutoCloseable {
    /** Larger than transferTo's 8 KB: every read passes through several decoding layers. */
    private static final int COPY_BUFFER = 64 * 1024;

    private final Path file;
    private long size = -1;
    private byte[] sha256;

    private Spool(Path file) {
        this.file = file;
    }

    /** An empty spool file in {@code dir}, created with owner-only permissions where the file system has them. */
    public static Spool create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file;
        try {
            file = Files.createTempFile(dir, "dg-", ".spool",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            file = Files.createTempFile(dir, "dg-", ".spool");
        }
        return new Spool(file);
    }

    /** Copies {@code in} to the spool to its end, recording size and digest. */
    public void fill(InputStream in) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        try (OutputStream out = openForWriting()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    /** An output stream whose close records the size and digest of what was written. */
    public OutputStream openForWriting() throws IOException {
        MessageDigest digest = newSha256Digest();
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(this.file), COPY_BUFFER);
        return new DigestOutputStream(file, digest) {
            private long written;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                super.write(b);
                written++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                super.write(b, off, len);
                written += len;
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    super.close();
                    size = written;
                    sha256 = digest.digest();
                }
            }
        };
    }

    public InputStream openStream() throws IOException {
        return Files.newInputStream(file);
    }

    public Path path() {
        return file;
    }

    public long size() {
        return size;
    }

    public byte[] sha256() {
        return sha256 == null ? null : sha256.clone();
    }

    public String sha256Hex() {
        return sha256 == null ? null : HexFormat.of().formatHex(sha256);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete spool file " + file, e);
        }
    }

    static MessageDigest newSha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
