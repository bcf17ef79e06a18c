package org.dragongate.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Raw packages on disk, addressed by the SHA-256 of their bytes: {@code <dir>/ab/abcdef....p7m}.
 * A package is written to a temporary file, flushed to disk, then moved into place in one step, so
 * a reader never sees half a package and a crash leaves at most a temporary file behind. Whether
 * the bytes were seen before, and whether the flow finished with them, is the tracking database's
 * to say ({@code PackageRecords}), not the archive's.
 */
public final class PackageArchive {
    /** What {@link #store} did: the bytes are at {@code path}, whether they were there before or not. */
    public record Stored(String sha256, long size, Path path) {
    }

    private final Path dir;

    public PackageArchive(Path dir) {
        this.dir = dir;
    }

    public Stored store(InputStream raw) throws IOException {
        Path incoming = dir.resolve("incoming");
        Files.createDirectories(incoming);
        Path temp = Files.createTempFile(incoming, "pkg-", ".part");
        try {
            MessageDigest digest = sha256();
            long size;
            try (OutputStream file = Files.newOutputStream(temp);
                 DigestOutputStream out = new DigestOutputStream(file, digest)) {
                size = raw.transferTo(out);
            }
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Path target = pathOf(sha256);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    // another poller archived the same bytes first: the same content either way
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target);
                }
            }
            return new Stored(sha256, size, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public Path pathOf(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256 + ".p7m");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
