package org.dragongate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dragongate.files.Folders;

/**
 * Deliveries waiting to be made, on disk so that a restart loses none: {@code <data>/outbox/<key>/}
 * holds {@code sealed.p7m} (the exact bytes every attempt sends) and {@code job.json}. A delivery made
 * moves to {@code <data>/delivered/<key>/}. The key is the idempotency key (notice id and contact point),
 * so the same notice is queued for the same contact point once, however often its package is processed.
 */
public final class Outbox {
    static final String SEALED = "sealed.p7m";
    static final String JOB = "job.json";

    private final Path outbox;
    private final Path delivered;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public Outbox(Path dataDir) {
        this.outbox = dataDir.resolve("outbox");
        this.delivered = dataDir.resolve("delivered");
    }

    /** @return false when this notice is already queued for, or delivered to, this contact point */
    public boolean enqueue(SealedDelivery delivery, Instant now) throws IOException {
        String key = keyOf(delivery);
        if (Files.exists(outbox.resolve(key)) || Files.exists(delivered.resolve(key))) {
            return false;
        }
        Files.createDirectories(outbox);
        Path temp = Files.createTempDirectory(outbox, ".incoming-");
        try {
            Files.write(temp.resolve(SEALED), delivery.body());
            json.writeValue(temp.resolve(JOB).toFile(),
                    new OutboxJob(key, delivery.noticeId(), delivery.target().contactPointId(), 0, null, now, null));
            Files.move(temp, outbox.resolve(key), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Folders.deleteRecursively(temp);
        }
    }

    /** Jobs whose next attempt is due, oldest due first. */
    public List<OutboxJob> due(Instant now) throws IOException {
        List<OutboxJob> jobs = new ArrayList<>();
        if (!Files.isDirectory(outbox)) {
            return jobs;
        }
        try (Stream<Path> folders = Files.list(outbox)) {
            for (Path folder : (Iterable<Path>) folders.filter(p -> !p.getFileName().toString().startsWith("."))::iterator) {
                OutboxJob job = json.readValue(folder.resolve(JOB).toFile(), OutboxJob.class);
                if (!job.nextAttemptAt().isAfter(now)) {
                    jobs.add(job);
                }
            }
        }
        jobs.sort(Comparator.comparing(OutboxJob::nextAttemptAt));
        return jobs;
    }

    public byte[] sealedBytes(OutboxJob job) throws IOException {
        return Files.readAllBytes(outbox.resolve(job.key()).resolve(SEALED));
    }

    /** Records an attempt that will be retried; written beside the job and renamed over it, so a crash leaves one or the other. */
    public void update(OutboxJob job) throws IOException {
        Path folder = outbox.resolve(job.key());
        Path temp = folder.resolve(JOB + ".tmp");
        json.writeValue(temp.toFile(), job);
        Files.move(temp, folder.resolve(JOB), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public void delivered(OutboxJob job) throws IOException {
        update(job);
        Files.createDirectories(delivered);
        Files.move(outbox.resolve(job.key()), delivered.resolve(job.key()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Taken out of the outbox because it went to the dead letters. */
    public void remove(OutboxJob job) throws IOException {
        Folders.deleteRecursively(outbox.resolve(job.key()));
    }

    private static String keyOf(SealedDelivery delivery) {
        // Both ids are restricted to [A-Za-z0-9._-] by SealedDelivery, so the key is a safe folder name.
        return delivery.noticeId() + "__" + delivery.target().contactPointId();
    }
}
