package org.dragongate.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import org.dragongate.intake.PackageIntake;
import org.dragongate.intake.ReceivedPackage;
import org.dragongate.intake.SftpInbox;

/** The SFTP consumer's step into intake: the file's folder names the partner it claims to be. */
public final class SftpIntake {
    private final PackageIntake intake;

    public SftpIntake(PackageIntake intake) {
        this.intake = intake;
    }

    public ReceivedPackage take(InputStream body, String relativePath) throws IOException, SQLException {
        return intake.take(body, SftpInbox.channelFor(relativePath), ReceivedPackage.PackageForm.CMS);
    }
}
