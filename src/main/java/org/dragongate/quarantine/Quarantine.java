package org.dragongate.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.refusal.PackageRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.dragongate.files.Folders;

/**
 * Refused packages, one folder each under the quarantine directory: {@code package.p7m} (the raw
 * bytes as received) and {@code entry.json} (reason code, message, channel). A folder appears
 * complete or not at all: it is written under a temporary name and renamed.
 */
public final class Quarantine {
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    static final String ENTRY_FILE = "entry.json";
    static final String PACKAGE_FILE = "package.p7m";

    private final Path dir;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    public Quarantine(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public QuarantineEntry put(ReceivedPackage received, PackageRejected refusal) throws IOException {
        Instant now = clock.instant();
        Files.createDirectories(dir);
        // The same package refused again within the same second (a reprocess the gateway took at once)
        // is a refusal of its own: it gets the next free id, never the earlier entry.
        String stem = "Q-" + STAMP.format(now) + "-" + received.shortId();
        String id = stem;
        for (int n = 2; Files.exists(dir.resolve(id)); n++) {
            id = stem + "-" + n;
        }
        QuarantineEntry entry = new QuarantineEntry(id, now, received.receivedAt(), refusal.reason().name(), refusal.getMessage(),
                received.channel().kind(), received.channel().partnerId(), received.channel().origin(), received.sha256(), received.size());
        Path target = dir.resolve(id);
        Path temp = Files.createTempDirectory(dir, ".incoming-");
        try {
            Files.copy(received.archivedAt(), temp.resolve(PACKAGE_FILE));
            json.writeValue(temp.resolve(ENTRY_FILE).toFile(), entry);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Folders.deleteRecursively(temp);
        }
        // Only the reason code: an INVALID_NOTICE message quotes field values from the notice, which is
        // intelligence and stays in the quarantine entry, never in the log.
        LOG.warn("package {} from {} quarantined as {}: {} (quarantine list shows the message)", received.shortId(),
                received.channel(), id, refusal.reason());
        return entry;
    }

    public List<QuarantineEntry> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<QuarantineEntry> entries = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : (Iterable<Path>) folders.filter(p -> !p.getFileName().toString().startsWith("."))::iterator) {
                Path entry = folder.resolve(ENTRY_FILE);
                if (Files.isRegularFile(entry)) {
                    entries.add(json.readValue(entry.toFile(), QuarantineEntry.class));
                }
            }
        }
        entries.sort(Comparator.comparing(QuarantineEntry::quarantinedAt));
        return entries;
    }

    public Path packageOf(String entryId) {
        return dir.resolve(entryId).resolve(PACKAGE_FILE);
    }

}
