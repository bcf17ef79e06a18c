package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;

/** What the partner, cert and crl commands share besides the database: the partner registry on it. */
abstract class DirectoryCommand extends DatabaseCommand {
    /** The command's work; returns the exit code. */
    abstract int run(PartnerRegistry registry, PrintWriter out) throws SQLException, IOException;

    /** For a command that needs more of the database than the registry. */
    @Override
    int run(Database db, PrintWriter out) throws SQLException, IOException {
        return run(new PartnerRegistry(db, new AuditTrail(clock), clock), out);
    }
}
