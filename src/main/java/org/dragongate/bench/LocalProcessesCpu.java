package org.dragongate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time used so far by this machine's processes of one command name (e.g. every {@code postgres}
 * backend and helper), from {@code /proc}: so that a database server the gateway uses on the same
 * machine is counted in the benchmark's CPU per package, as an embedded H2 is. A process that ended
 * between two readings is not counted; PostgreSQL keeps its backends for the life of a connection, and
 * the gateway's pool keeps its connections.
 */
final class LocalProcessesCpu {
    private LocalProcessesCpu() {
    }

    /** Nanoseconds of CPU (user and system) of every process whose name is {@code command}; 0 where there is no /proc. */
    static long nanos(String command) {
        long nanos = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                String stat = ThreadCpuMeter.read(process.resolve("stat"));
                if (stat != null && stat.contains("(" + command + ")")) {
                    nanos += ThreadCpuMeter.cpuNanos(stat);
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return nanos;
    }
}
