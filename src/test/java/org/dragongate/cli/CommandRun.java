package org.dragongate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import picocli.CommandLine;

/** One command line run in-process as an administrator types it, with what it printed to stdout and stderr. */
record CommandRun(int exit, String out, String err) {
    /** The command with {@code --data-dir} added, so it opens the test's gateway database. */
    static CommandRun withDataDir(Path dataDir, String... args) {
        return withDataDir(dataDir, System::getenv, args);
    }

    /** @param environment where the command reads passwords from, instead of the process environment */
    static CommandRun withDataDir(Path dataDir, UnaryOperator<String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = DragongateCli.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(Stream.concat(Arrays.stream(args), Stream.of("--data-dir", dataDir.toString())).toArray(String[]::new));
        cli.getOut().flush();
        cli.getErr().flush();
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
