package org.dragongate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dragongate.bench.CsvConversionBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Holds {@code bench csv}; register {@link Csv} among {@code BenchCommand}'s subcommands. */
public final class BenchCsvCommand {
    private BenchCsvCommand() {
    }

    @Command(name = "csv", mixinStandardHelpOptions = true,
            description = {"Converts a generated CSV seizure list (one notice per row) into validated XML notices.",
                    "Run with a small heap, e.g. java -Xmx128m -jar dragongate.jar bench csv, to see memory stay flat."})
    public static final class Csv implements Callable<Integer> {
        @Option(names = "--rows", description = "Rows in the generated file (default ${DEFAULT-VALUE}).")
        int rows = 1_000_000;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the CSV file goes (default: a temp dir).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("dragongate-bench-csv");
            new CsvConversionBenchmark(work, System.out).run(rows);
            if (workDir == null) {
                Files.deleteIfExists(work);
            }
            return 0;
        }
    }
}
