package org.dragongate.gateway;

import java.io.IOException;
import org.dragongate.intake.PackageArchive;
import org.dragongate.intake.ReceivedPackage;

/** The last step of the flow: from now on the same bytes are a duplicate, acknowledged and not processed again. */
public final class PackageCompletion {
    private final PackageArchive archive;

    public PackageCompletion(PackageArchive archive) {
        this.archive = archive;
    }

    public void done(ReceivedPackage received) throws IOException {
        archive.markProcessed(received.sha256());
    }
}
