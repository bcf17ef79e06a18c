package org.dragongate.intake;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.dragongate.store.PackageRecords;
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
        PackageRecords.Intake intake = records.received(new PackageRecords.Arrival(stored.sha256(), stored.size(), channel.kind(),
                channel.partnerId(), channel.origin(), form.name(), receivedAt));
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

    /** The flow is finished with the package: from now on the same bytes are a duplicate. */
    public void finished(ReceivedPackage received) throws SQLException {
        records.accepted(received.sha256());
    }
}
