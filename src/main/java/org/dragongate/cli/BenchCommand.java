package org.dragongate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.dragongate.bench.CryptoBenchmark;
import org.dragongate.pki.ExamplePki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks; prints figures, asserts nothing.",
        subcommands = {BenchCommand.Crypto.class, BenchCsvCommand.Csv.class, BenchE2eCommand.E2e.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "crypto", mixinStandardHelpOptions = true,
            description = {"Opening packages (decrypt + verify) against the raw cost of the same crypto, in one run.",
                    "Uses a freshly generated example PKI unless --keys is given."})
    static final class Crypto implements Callable<Integer> {
        @Option(names = "--small-count", description = "Small packages per measurement (default ${DEFAULT-VALUE}).")
        int smallCount = 2000;

        @Option(names = "--small-bytes", description = "Content size of a small package (default ${DEFAULT-VALUE}).")
        int smallBytes = 3 * 1024;

        @Option(names = "--large-mb", description = "Size of the large package in MB, 0 to skip (default ${DEFAULT-VALUE}).")
        long largeMb = 100;

        @Option(names = "--keys", paramLabel = "DIR", description = "An example PKI directory (keys-example layout).")
        Path keys;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where packages and spools go (default: a temp dir).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("dragongate-bench");
            Path pki = keys;
            if (pki == null) {
                pki = work.resolve("pki");
                new ExamplePki(Clock.systemUTC()).generate(pki);
            }
            new CryptoBenchmark(pki, work, System.out).run(smallCount, smallBytes, largeMb * 1_000_000L);
            return 0;
        }
    }
}
