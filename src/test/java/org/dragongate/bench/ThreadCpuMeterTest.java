package org.dragongate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuMeterTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void aPoolsThreadsAreOneGroup() {
        assertThat(ThreadCpuMeter.group("Camel (camel-1) thread #12 - JmsConsumer[dragongate.received]"))
                .isEqualTo("Camel (camel-#) thread ## - JmsConsumer[dragongate.received]");
        assertThat(ThreadCpuMeter.group("sshd-SshClient[4f0a2b9c]-nio2-thread-3")).isEqualTo("sshd-SshClient[#]-nio#-thread-#");
        assertThat(ThreadCpuMeter.group("main")).isEqualTo("main");
    }

    @Test
    void theJvmsOwnThreadsAreKnownByTheirNames() {
        assertThat(ThreadCpuMeter.jvmKind("C2 CompilerThre")).startsWith(ThreadCpuMeter.JIT);
        assertThat(ThreadCpuMeter.jvmKind("C1 CompilerThre")).startsWith(ThreadCpuMeter.JIT);
        assertThat(ThreadCpuMeter.jvmKind("GC Thread#1")).isEqualTo(ThreadCpuMeter.GC);
        assertThat(ThreadCpuMeter.jvmKind("G1 Conc#0")).isEqualTo(ThreadCpuMeter.GC);
        assertThat(ThreadCpuMeter.jvmKind("VM Thread")).isEqualTo(ThreadCpuMeter.GC);
        assertThat(ThreadCpuMeter.jvmKind("Camel (camel-1)")).isNull();
    }

    @Test
    void aBusyThreadsCpuIsCountedInItsGroup() throws Exception {
        CountDownLatch measured = new CountDownLatch(1);
        long[] used = new long[1];
        Map<String, Double> byGroup;
        try (ThreadCpuMeter meter = ThreadCpuMeter.start(() -> ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime())) {
            Thread busy = new Thread(() -> {
                long start = THREADS.getCurrentThreadCpuTime();
                long x = 0;
                while (THREADS.getCurrentThreadCpuTime() - start < 200_000_000L) {
                    x += System.nanoTime() % 7;
                }
                used[0] = THREADS.getCurrentThreadCpuTime() - start + (x & 0);
                try {
                    measured.await(); // still alive when the window ends, as a pool's thread would be
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "busy-worker-7");
            busy.start();
            while (used[0] == 0) {
                Thread.sleep(10);
            }
            byGroup = meter.stop();
            measured.countDown();
            busy.join();
        }

        assertThat(byGroup.get("busy-worker-#")).isBetween(used[0] / 1e6, used[0] / 1e6 + 50);
        assertThat(byGroup).containsKey(ThreadCpuMeter.ENDED);
        assertThat(byGroup.keySet()).doesNotContain("bench-thread-cpu-meter");
    }
}
