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

    /** Where passwords are read from: the process environment, never the command line. */
    UnaryOperator<String> environment = System::getenv;

    /** A partner command's work; returns the exit code. Other commands override {@link #run(Database, PrintWriter)} instead. */
    int run(PartnerRegistry registry, PrintWriter out) throws SQLException, IOException {
        throw new UnsupportedOperationException(spec.name() + " works on the database itself");
    }

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
