package org.dragongate.crypto;

import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Content held in memory while small and on disk once large, so memory does not grow with package
 * size and a small notice costs no file system calls. A spool file is readable only by the
 * gateway's user and deleted on close. Writing records the size and SHA-256 as bytes pass.
 */
public final class Spool implements AutoCloseable {
    /** Up to this many bytes stay in memory. */
    static final int MEMORY_LIMIT = 256 * 1024;
    /** Larger than transferTo's 8 KB: every read passes through several decoding layers. */
    private static final int COPY_BUFFER = 64 * 1024;

    private final Path dir;
    private byte[] memory = new byte[0];
    private Path file;
    private long size = -1;
    private byte[] sha256;

    private Spool(Path dir) {
        this.dir = dir;
    }

    /** An empty spool whose file, if it ever needs one, goes in {@code dir}. */
    public static Spool create(Path dir) {
        return new Spool(dir);
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
    public OutputStream openForWriting() {
        return new SpoolOutput();
    }

    public InputStream openStream() throws IOException {
        return file == null ? new ByteArrayInputStream(memory) : Files.newInputStream(file);
    }

    /** Whether the content is in memory ({@link #bytes()}) rather than only on disk. */
    public boolean inMemory() {
        return file == null;
    }

    /** The content, when {@link #inMemory()}. */
    public byte[] bytes() {
        if (file != null) {
            throw new IllegalStateException("the content is on disk; read it with openStream()");
        }
        return memory;
    }

    /** The spool as a file, written out now if it was held in memory. */
    public Path path() {
        if (file == null) {
            try {
                Path created = newFile();
                Files.write(created, memory);
                file = created;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write spool file in " + dir, e);
            }
        }
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
        memory = new byte[0];
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete spool file " + file, e);
            }
        }
    }

    private Path newFile() throws IOException {
        Files.createDirectories(dir);
        try {
            return Files.createTempFile(dir, "dg-", ".spool",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, "dg-", ".spool");
        }
    }

    static MessageDigest newSha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Writes to memory until {@link #MEMORY_LIMIT}, then moves what it has to a file and goes on there. */
    private final class SpoolOutput extends OutputStream {
        private final MessageDigest digest = newSha256Digest();
        private byte[] buffer = new byte[8 * 1024];
        private int count;
        private OutputStream disk;
        private long written;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            written += len;
            if (disk == null && count + len > MEMORY_LIMIT) {
                file = newFile();
                disk = new BufferedOutputStream(Files.newOutputStream(file), COPY_BUFFER);
                disk.write(buffer, 0, count);
                buffer = null;
            }
            if (disk != null) {
                disk.write(b, off, len);
                return;
            }
            if (count + len > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + len));
            }
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (disk != null) {
                disk.close();
            } else {
                memory = Arrays.copyOf(buffer, count);
            }
            size = written;
            sha256 = digest.digest();
        }
    }
}
