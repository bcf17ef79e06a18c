package org.dragongate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident memory, as the benchmarks report it. */
final class PeakRss {
    private PeakRss() {
    }

    /** VmHWM from /proc/self/status in kB (Linux), or -1 where /proc is not there. */
    static long kilobytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
