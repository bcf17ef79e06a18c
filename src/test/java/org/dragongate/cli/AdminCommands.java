package org.dragongate.cli;

import java.nio.file.Path;
import java.util.Map;

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
        CommandRun run = CommandRun.withDataDir(dataDir, environment::get, args);
        out = run.out();
        err = run.err();
        return run.exit();
    }
}
