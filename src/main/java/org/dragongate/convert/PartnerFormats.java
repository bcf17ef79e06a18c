package org.dragongate.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partners' format files in one directory ({@code config/mappings/}), one file per partner
 * named after its id: {@code JP-CUSTOMS.yaml}. A partner without a file sends the common schema.
 * Files are read on each lookup, so an edited mapping applies to the next package; call
 * {@link #loadAll()} at start-up to refuse a broken file before any package depends on it.
 */
public final class PartnerFormats {
    private final Path directory;

    public PartnerFormats(Path directory) {
        this.directory = directory;
    }

    /**
     * The partner's formats: from its file when there is one, otherwise the common schema only.
     *
     * @throws IllegalArgumentException the file is invalid (the message names the file and the place)
     */
    public PartnerFormat forPartner(String partnerId) {
        if (!MappingFile.isPartnerId(partnerId)) {
            // The id becomes a file name: nothing but the id alphabet reaches the file system.
            throw new IllegalArgumentException("not a partner id: " + partnerId);
        }
        Path file = directory.resolve(partnerId + ".yaml");
        if (!Files.isRegularFile(file)) {
            return PartnerFormat.canonicalOnly(partnerId);
        }
        PartnerFormat format = read(file);
        if (!format.partnerId().equals(partnerId)) {
            throw new IllegalArgumentException(file + ": partner is " + format.partnerId() + ", but the file is named for " + partnerId);
        }
        return format;
    }

    /** Every file in the directory, checked; keyed by partner id. */
    public Map<String, PartnerFormat> loadAll() {
        Map<String, PartnerFormat> formats = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return formats;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.yaml")) {
            for (Path file : files) {
                String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                formats.put(id, forPartner(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return formats;
    }

    private static PartnerFormat read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return MappingFile.read(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable YAML: " + e.getMessage(), e);
        }
    }
}
