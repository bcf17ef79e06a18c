package org.dragongate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs admin commands against one data directory with a given environment, and keeps what each printed. */
final class AdminCommands {
    private final Path dataDir;
    private final Map<String, String> environment;
    String out = "";
    String err = "";

    AdminCommands(Path dataDir, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.environment = environment;
    }

    int run(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        CommandLine cli = DragongateCli.commandLine(environment::get);
        cli.setOut(new PrintWriter(outText, true));
        cli.setErr(new PrintWriter(errText, true));
        int exit = cli.execute(Stream.concat(Arrays.stream(args), Stream.of("--data-dir", dataDir.toString())).toArray(String[]::new));
        out = outText.toString();
        err = errText.toString();
        return exit;
    }
}
