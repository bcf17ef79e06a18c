package org.dragongate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * CPU time of a window, per group of Java threads, so that the benchmark can say which part of the
 * process's CPU was the gateway's and which the partners' servers and clients that share its JVM.
 * The process's CPU time alone cannot: it is one figure for everything.
 *
 * <p>Java threads are sampled every interval and a thread's CPU is the last value seen minus the value at
 * the start of the window. The JVM's own threads (garbage collector, JIT compiler) are not Java threads:
 * they are read from {@code /proc/self/task} at the start and the end. What the process used beyond
 * both is {@link #ENDED}: threads that ended between two samples, which lose what they used since
 * their last one.
 */
final class ThreadCpuMeter implements AutoCloseable {
    static final String JIT = "JVM: JIT compiler";
    static final String GC = "JVM: garbage collector and VM thread";
    static final String ENDED = "rest of the process (threads that ended between samples, /proc's 10 ms ticks)";
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ, 100 on Linux

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final LongSupplier processCpuNanos;
    private final Map<Long, Long> atStart = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Thread sampler;
    private final long processAtStart;
    private final Map<String, Long> jvmAtStart;
    private volatile boolean running = true;

    private ThreadCpuMeter(LongSupplier processCpuNanos, long intervalMillis) {
        this.processCpuNanos = processCpuNanos;
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        this.processAtStart = processCpuNanos.getAsLong();
        this.jvmAtStart = jvmThreads();
        sample(atStart);
        last.putAll(atStart);
        sampler = new Thread(() -> {
            while (running) {
                try {
                    TimeUnit.MILLISECONDS.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    sample(last);
                }
            }
        }, "bench-thread-cpu-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    static ThreadCpuMeter start(LongSupplier processCpuNanos) {
        return new ThreadCpuMeter(processCpuNanos, 50);
    }

    private void sample(Map<Long, Long> into) {
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                into.put(id, cpu);
                names.computeIfAbsent(id, this::nameOf);
            }
        }
    }

    private String nameOf(long id) {
        var info = threads.getThreadInfo(id);
        return info == null ? "?" : info.getThreadName();
    }

    /**
     * Ends the window: milliseconds of CPU per thread group (see {@link #group}) and per kind of JVM
     * thread ({@link #jvmKind}), largest first, with {@link #ENDED} for the rest of the process's CPU
     * time over the same window.
     */
    synchronized Map<String, Double> stop() {
        running = false;
        sampler.interrupt();
        sample(last);
        long process = processCpuNanos.getAsLong() - processAtStart;
        Map<String, Long> byGroup = new HashMap<>();
        long accounted = 0;
        for (Map.Entry<Long, Long> e : last.entrySet()) {
            long used = e.getValue() - atStart.getOrDefault(e.getKey(), 0L);
            if (used > 0 && e.getKey() != sampler.getId()) {
                byGroup.merge(group(names.get(e.getKey())), used, Long::sum);
                accounted += used;
            }
        }
        Map<String, Long> jvmAtEnd = jvmThreads();
        for (Map.Entry<String, Long> e : jvmAtEnd.entrySet()) {
            long used = e.getValue() - jvmAtStart.getOrDefault(e.getKey(), 0L);
            byGroup.put(e.getKey(), used);
            accounted += used;
        }
        byGroup.put(ENDED, Math.max(0, process - accounted));
        Map<String, Double> sorted = new LinkedHashMap<>();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue() / 1e6));
        return sorted;
    }

    /** CPU of the JVM's threads that are not Java threads, by {@link #JIT} and {@link #GC}; empty where there is no /proc. */
    private static Map<String, Long> jvmThreads() {
        Map<String, Long> used = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return used;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
            for (Path task : all) {
                String kind = jvmKind(read(task.resolve("comm")));
                String stat = read(task.resolve("stat"));
                if (kind != null && stat != null) {
                    used.merge(kind, cpuNanos(stat), Long::sum);
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return used;
    }

    static String jvmKind(String comm) {
        if (comm == null) {
            return null;
        }
        if (comm.startsWith("C1 Compiler")) {
            return JIT + " (C1)";
        }
        if (comm.startsWith("C2 Compiler")) {
            return JIT + " (C2)";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
            return GC;
        }
        return null;
    }

    /** User and system time from a /proc stat line (of a process or a thread), in nanoseconds. */
    static long cpuNanos(String stat) {
        // after the name in parentheses: state is field 3, utime and stime fields 14 and 15, in clock ticks
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }

    static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return null; // the thread ended while we looked
        }
    }

    /** A pool's threads differ only by their numbers (and SSHD's by an instance hash): one group for them. */
    static String group(String threadName) {
        return threadName == null ? "?" : threadName.replaceAll("\\[[0-9a-f]{6,}]", "[#]").replaceAll("\\d+", "#");
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
