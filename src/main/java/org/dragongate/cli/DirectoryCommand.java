package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.dragongate.directory.PartnerRegistry;
import org.dragongate.store.AuditTrail;
import org.dragongate.store.Database;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the partner, cert and crl commands share: the database (the gateway's, found as the audit
 * command finds it), the registry on it, and one-line output. A refused change
 * ({@link org.dragongate.directory.DirectoryException}) reaches the command line's error handler,
 * which prints its message and exits 1.
 */
abstract class DirectoryCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    final Clock clock = Clock.systemUTC();

    /** The command's work; returns the exit code. */
    abstract int run(PartnerRegistry registry, PrintWriter out) throws SQLException, IOException;

    @Override
    public Integer call() throws Exception {
        try (Database db = database.open()) {
            int exit = run(db, spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return exit;
        }
    }

    /** For a command that needs more of the database than the registry. */
    int run(Database db, PrintWriter out) throws SQLException, IOException {
        return run(new PartnerRegistry(db, new AuditTrail(clock), clock), out);
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("cannot read " + file + ": not a readable file");
        }
        return Files.readAllBytes(file);
    }
}
