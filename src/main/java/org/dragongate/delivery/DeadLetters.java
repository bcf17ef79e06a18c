package org.dragongate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dragongate.files.Folders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliveries that did not get through, one folder each under {@code <data>/dead-letters/}:
 * {@code sealed.p7m} (exactly the bytes that were sent) and {@code entry.json}. A folder appears
 * complete or not at all: it is written under a temporary name and renamed.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** Ids come back from the command line: only this shape may name a folder, so no id reaches outside the store. */
    private static final Pattern ID = Pattern.compile("D-\\d{8}-\\d{6}-[0-9a-f]{8}");
    static final String FOLDER = "dead-letters";
    static final String ENTRY_FILE = "entry.json";
    static final String SEALED_FILE = "sealed.p7m";

    private final Path dir;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** @param dataDir the gateway's data directory; entries go to its {@code dead-letters} folder */
    public DeadLetters(Path dataDir, Clock clock) {
        this.dir = dataDir.resolve(FOLDER);
        this.clock = clock;
    }

    public DeadLetter add(SealedDelivery delivery, int attempts, String lastReason) throws IOException {
        Instant now = clock.instant();
        String id = "D-" + STAMP.format(now) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        DeadLetter entry = new DeadLetter(id, delivery.noticeId(), delivery.target().contactPointId(), delivery.target().endpoint(),
                attempts, lastReason, now, now);
        Files.createDirectories(dir);
        Path temp = Files.createTempDirectory(dir, ".incoming-");
        try {
            Files.write(temp.resolve(SEALED_FILE), delivery.body());
            json.writeValue(temp.resolve(ENTRY_FILE).toFile(), entry);
            Files.move(temp, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Folders.deleteRecursively(temp);
        }
        return entry;
    }

    /** Oldest first. */
    public List<DeadLetter> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<DeadLetter> entries = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : (Iterable<Path>) folders.filter(p -> ID.matcher(p.getFileName().toString()).matches())::iterator) {
                Path entry = folder.resolve(ENTRY_FILE);
                if (Files.isRegularFile(entry)) {
                    entries.add(json.readValue(entry.toFile(), DeadLetter.class));
                }
            }
        }
        entries.sort(Comparator.comparing(DeadLetter::deadLetteredAt).thenComparing(DeadLetter::id));
        return entries;
    }

    public DeadLetter get(String id) throws IOException {
        try {
            return json.readValue(folder(id).resolve(ENTRY_FILE).toFile(), DeadLetter.class);
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new NoSuchFileException("no dead letter " + id + " in " + dir);
        }
    }

    public byte[] sealedBytes(String id) throws IOException {
        return Files.readAllBytes(folder(id).resolve(SEALED_FILE));
    }

    /**
     * Sends a dead letter once more, with the same bytes and idempotency key. Delivered: the entry is
     * removed. Otherwise the entry stays, with the attempt counted and the new reason.
     */
    public DeliveryOutcome redrive(String id, RedriveTargets targets, DeliveryChannel channel)
            throws IOException, InterruptedException {
        DeadLetter entry = get(id);
        SealedDelivery delivery = new SealedDelivery(entry.noticeId(), targets.targetFor(entry), sealedBytes(id));
        if (!delivery.target().contactPointId().equals(entry.contactPointId())) {
            throw new IllegalArgumentException("dead letter " + id + " is for " + entry.contactPointId() + ", not "
                    + delivery.target().contactPointId());
        }
        DeliveryOutcome outcome = channel.send(delivery);
        if (outcome instanceof DeliveryOutcome.Delivered) {
            // Deleted after delivery: a crash in between leaves the entry, and a second re-drive repeats the same idempotency key.
            Folders.deleteRecursively(folder(id));
            LOG.info("dead letter {} ({}) re-driven and delivered: {}", id, delivery.idempotencyKey(), outcome.reason());
        } else {
            write(entry.afterAttempt(outcome.reason(), clock.instant()));
            LOG.warn("dead letter {} ({}) re-driven, still not delivered: {}", id, delivery.idempotencyKey(), outcome.reason());
        }
        return outcome;
    }

    private void write(DeadLetter entry) throws IOException {
        Path folder = folder(entry.id());
        Path temp = Files.createTempFile(folder, ".entry-", ".json");
        try {
            json.writeValue(temp.toFile(), entry);
            Files.move(temp, folder.resolve(ENTRY_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path folder(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a dead-letter id: expected D-yyyyMMdd-HHmmss-xxxxxxxx");
        }
        return dir.resolve(id);
    }
}
