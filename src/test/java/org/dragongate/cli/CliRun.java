package org.dragongate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import picocli.CommandLine;

/** One run of the command line as an administrator types it, against the gateway database under {@code dataDir}. */
record CliRun(int exit, String out, String err) {
    static CliRun against(Path dataDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withData = Stream.concat(Arrays.stream(args), Stream.of("--data-dir", dataDir.toString())).toArray(String[]::new);
        CommandLine cli = DragongateCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(withData);
        cli.getOut().flush();
        cli.getErr().flush();
        return new CliRun(exit, out.toString(), err.toString());
    }
}
