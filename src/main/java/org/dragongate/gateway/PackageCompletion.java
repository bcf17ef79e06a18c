package org.dragongate.gateway;

import java.sql.SQLException;
import org.dragongate.intake.PackageIntake;
import org.dragongate.intake.ReceivedPackage;

/** The last step of the flow: from now on the same bytes are a duplicate, acknowledged and not processed again. */
public final class PackageCompletion {
    private final PackageIntake intake;

    public PackageCompletion(PackageIntake intake) {
        this.intake = intake;
    }

    public void done(ReceivedPackage received) throws SQLException {
        intake.finished(received);
    }
}
