package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.dragongate.store.Database;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the administration commands share: the gateway's database (found as the audit command finds
 * it), one-line output, and refusals ({@link org.dragongate.directory.DirectoryException},
 * {@link org.dragongate.store.RequestRefused}) that reach the command line's error handler, which
 * prints their message and exits 1.
 */
abstract class DatabaseCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    final Clock clock = Clock.systemUTC();

    /** The command's work on the open database; returns the exit code. */
    abstract int run(Database db, PrintWriter out) throws SQLException, IOException;

    @Override
    public Integer call() throws Exception {
        try (Database db = database.open()) {
            int exit = run(db, spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return exit;
        }
    }

    /** The gateway's data directory, where its archive and quarantine folders are. */
    Path dataDir() {
        return database.dataDir;
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
