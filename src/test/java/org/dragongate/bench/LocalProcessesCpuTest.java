package org.dragongate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class LocalProcessesCpuTest {
    @Test
    void thisJvmIsAmongTheJavaProcessesAndCountsItsCpu() {
        long own = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();

        long java = LocalProcessesCpu.nanos("java");

        // /proc counts in 10 ms ticks, so this process alone may read up to a tick per thread less.
        assertThat(java).isGreaterThan(own / 2);
    }

    @Test
    void aCommandNoProcessRunsUsedNoCpu() {
        assertThat(LocalProcessesCpu.nanos("no-such-command-here")).isZero();
    }
}
