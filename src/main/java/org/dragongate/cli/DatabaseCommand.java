package org.dragongate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.dragongate.directory.DirectoryException;
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

    /** Where passwords are read from: the process environment, never the command line. */
    UnaryOperator<String> environment = System::getenv;

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

    /**
     * The secret in the environment variable an option named, e.g. a PKCS#12 password.
     *
     * @return null when no variable was named
     * @throws DirectoryException INVALID_INPUT when the variable is not set
     */
    char[] secret(String variable) {
        if (variable == null) {
            return null;
        }
        String value = environment.apply(variable);
        if (value == null) {
            throw new DirectoryException(DirectoryException.Problem.INVALID_INPUT, "environment variable " + variable + " is not set");
        }
        return value.toCharArray();
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
