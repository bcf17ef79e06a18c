package org.dragongate.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.dragongate.store.PackageRecords;
import org.dragongate.store.PackageRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one intake step every channel goes through: the raw bytes go into the archive and the package
 * gets its tracking record before the source is released. The same bytes a second time, whatever
 * their file name and whichever instance takes them, are recognised by content: a duplicate once
 * the flow finished with them, taken again while it has not.
 */
public final class PackageIntake {
    private static final Logger LOG = LoggerFactory.getLogger(PackageIntake.class);

    private final PackageArchive archive;
    private final PackageRecords records;
    private final Clock clock;

    public PackageIntake(PackageArchive archive, PackageRecords records, Clock clock) {
        this.archive = archive;
        this.records = records;
        this.clock = clock;
    }

    public ReceivedPackage take(InputStream raw, Channel channel, ReceivedPackage.PackageForm form) throws IOException, SQLException {
        PackageArchive.Stored stored = archive.store(raw);
        Instant receivedAt = clock.instant();
        PackageRecords.Intake intake = records.received(arrival(stored.sha256(), stored.size(), channel, form, receivedAt));
        ReceivedPackage received = new ReceivedPackage(stored.sha256(), stored.size(), stored.path(), channel, receivedAt,
                intake == PackageRecords.Intake.DUPLICATE, form);
        switch (intake) {
            case NEW -> LOG.info("package {} ({} bytes) taken in from {}", received.shortId(), stored.size(), channel);
            case RETAKE -> LOG.info("package {} from {} was taken in before but not finished; processing it again", received.shortId(),
                    channel);
            case DUPLICATE -> LOG.info("package {} from {} is a duplicate of one already taken in; acknowledged, not processed again",
                    received.shortId(), channel);
        }
        return received;
    }

    /**
     * A package taken from the queue, as the tracking database knows it: a duplicate when the flow
     * already finished with it (the message came again after a crash before its acknowledgement, or
     * the same bytes were queued twice). A package the database does not know was taken in by an
     * intake whose record a crash lost after the message was safely queued: the message says
     * everything the record held, so the record is written again and the package goes on.
     */
    public ReceivedPackage resume(ReceivedPackage queued) throws SQLException {
        Optional<PackageRecords.State> state = records.state(queued.sha256());
        if (state.isEmpty()) {
            records.received(arrival(queued.sha256(), queued.size(), queued.channel(), queued.form(), queued.receivedAt()));
            LOG.warn("package {} from {} was queued without a tracking record (lost in a crash); recorded again from its message",
                    queued.shortId(), queued.channel());
            return queued;
        }
        return state.get() == PackageRecords.State.RECEIVED ? queued : queued.asDuplicate();
    }

    /**
     * A quarantined or failed package an administrator asked to process again: from the archive, with
     * the channel it first came in on, RECEIVED again in the tracking database (audited with the
     * request), so the flow treats and tracks it like a package that just arrived.
     *
     * @throws PackageRequests.CannotRequeue when its archived bytes are gone or the package was accepted meanwhile
     */
    public ReceivedPackage retake(PackageRequests.PackageRequest request) throws SQLException, PackageRequests.CannotRequeue {
        Path archived = archive.pathOf(request.packageSha256());
        if (!Files.isRegularFile(archived)) {
            throw new PackageRequests.CannotRequeue("the archived bytes of package " + request.shortSha() + " are gone (" + archived
                    + "); it cannot go through the flow again");
        }
        PackageRecords.Arrival arrival = records.retake(request);
        LOG.info("package {} taken again for {} request {} of {}", request.shortSha(), request.kind(), request.id(), request.requestedBy());
        return new ReceivedPackage(arrival.sha256(), arrival.size(), archived,
                new Channel(arrival.channel(), arrival.claimedPartner(), arrival.origin()), arrival.receivedAt(), false,
                ReceivedPackage.PackageForm.valueOf(arrival.form()));
    }

    private static PackageRecords.Arrival arrival(String sha256, long size, Channel channel, ReceivedPackage.PackageForm form,
                                                  Instant receivedAt) {
        return new PackageRecords.Arrival(sha256, size, channel.kind(), channel.partnerId(), channel.origin(), form.name(), receivedAt);
    }

    /** The flow is finished with the package: from now on the same bytes are a duplicate. */
    public void finished(ReceivedPackage received) throws SQLException {
        records.accepted(received.sha256());
    }
}
