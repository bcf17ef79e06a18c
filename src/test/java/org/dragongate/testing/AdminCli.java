package org.dragongate.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.dragongate.cli.DragongateCli;
import picocli.CommandLine;

/** An administrator's commands against a gateway's data directory (its H2 database, archive and quarantine), run in this JVM. */
public final class AdminCli {
    /** What one command did. */
    public record Run(int exit, String out, String err) {
    }

    private final Path dataDir;

    public AdminCli(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = DragongateCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(Stream.concat(Arrays.stream(args), Stream.of("--data-dir", dataDir.toString())).toArray(String[]::new));
        cli.getOut().flush();
        cli.getErr().flush();
        return new Run(exit, out.toString(), err.toString());
    }
}
