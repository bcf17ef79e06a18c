package org.dragongate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as its own operating-system process ({@code java -jar target/dragongate.jar run}),
 * for tests that kill it the way a crash would: SIGKILL, no shutdown hook, no finally block.
 * Its settings are {@code config/application.properties} with the test's values appended (the last
 * value of a key wins); its output goes to a log file the test can show when it fails.
 */
public final class GatewayProcess implements AutoCloseable {
    public static final Path JAR = Path.of("target", "dragongate.jar");

    private final Process process;
    private final Path log;

    private GatewayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** @param settings the values that replace those of config/application.properties */
    public static GatewayProcess start(Map<String, String> settings, Path workDir, String name) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the integration tests run after 'mvn package'");
        }
        Files.createDirectories(workDir);
        Path properties = workDir.resolve(name + ".properties");
        StringBuilder text = new StringBuilder(Files.readString(Path.of("config", "application.properties"), StandardCharsets.UTF_8));
        text.append("\n# the test's settings\n");
        settings.forEach((key, value) -> text.append(key).append(" = ").append(value.replace("\\", "\\\\")).append('\n'));
        Files.writeString(properties, text, StandardCharsets.UTF_8);
        Path log = workDir.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(),
                "run", "--config", properties.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new GatewayProcess(process, log);
    }

    /** Runs a command of the jar to its end, e.g. {@code audit verify}; returns its exit code and output. */
    public static CommandResult command(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        Path output = Files.createTempFile(workDir, "command-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("command " + args[0] + " did not finish in 120 s");
        }
        return new CommandResult(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    public record CommandResult(int exitCode, String output) {
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last lines of the process's output, stack frames left out, for a failure message. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.startsWith("\tat ") && !line.startsWith("\t... ")).toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within a minute. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
