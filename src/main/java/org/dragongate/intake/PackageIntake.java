package org.dragongate.intake;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one intake step every channel goes through: the raw bytes go into the archive before the
 * source is released, and the same bytes a second time are recognised as a duplicate by content,
 * whatever their file name.
 */
public final class PackageIntake {
    private static final Logger LOG = LoggerFactory.getLogger(PackageIntake.class);

    private final PackageArchive archive;
    private final Clock clock;

    public PackageIntake(PackageArchive archive, Clock clock) {
        this.archive = archive;
        this.clock = clock;
    }

    public ReceivedPackage take(InputStream raw, Channel channel, ReceivedPackage.PackageForm form) throws IOException {
        PackageArchive.Stored stored = archive.store(raw);
        ReceivedPackage received = new ReceivedPackage(stored.sha256(), stored.size(), stored.path(), channel,
                clock.instant(), stored.duplicate(), form);
        if (stored.duplicate()) {
            LOG.info("package {} from {} is a duplicate of one already taken in; acknowledged, not processed again",
                    received.shortId(), channel);
        } else {
            LOG.info("package {} ({} bytes) taken in from {}", received.shortId(), stored.size(), channel);
        }
        return received;
    }
}
