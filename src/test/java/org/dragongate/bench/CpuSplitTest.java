package org.dragongate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSplitTest {
    @Test
    void theStandInsForPartnersAndContactPointsAreNotTheGateways() {
        assertThat(CpuSplit.partOf("sshd-SftpSubsystem-#-thread-#")).isEqualTo(CpuSplit.PARTNERS);
        assertThat(CpuSplit.partOf("sshd-SshServer[#](port=#)-nio#-thread-#")).isEqualTo(CpuSplit.PARTNERS);
        assertThat(CpuSplit.partOf("smtp:#.#.#.#:#<-/#.#.#.#:#")).isEqualTo(CpuSplit.PARTNERS);
        assertThat(CpuSplit.partOf("HTTP-Dispatcher")).isEqualTo(CpuSplit.PARTNERS);
        assertThat(CpuSplit.partOf("main")).isEqualTo(CpuSplit.PARTNERS);
        assertThat(CpuSplit.partOf("Camel (camel-#) thread ## - JmsConsumer[dragongate.received]")).isEqualTo(CpuSplit.GATEWAY);
        assertThat(CpuSplit.partOf("sshd-SshClient[#]-nio#-thread-#")).isEqualTo(CpuSplit.GATEWAY);
        assertThat(CpuSplit.partOf("maintenance")).isEqualTo(CpuSplit.GATEWAY);
        assertThat(CpuSplit.partOf(ThreadCpuMeter.JIT + " (C2)")).isEqualTo(ThreadCpuMeter.JIT);
        assertThat(CpuSplit.partOf(ThreadCpuMeter.GC)).isEqualTo(ThreadCpuMeter.GC);
        assertThat(CpuSplit.partOf(CpuSplit.DATABASE_SERVER)).isEqualTo(CpuSplit.DATABASE_SERVER);
    }

    @Test
    void perPackageByPartLargestFirst() {
        Map<String, Double> millis = new LinkedHashMap<>();
        millis.put("Camel (camel-#) thread ## - JmsConsumer[dragongate.received]", 400.0);
        millis.put("sshd-SftpSubsystem-#-thread-#", 300.0);
        millis.put(ThreadCpuMeter.JIT + " (C2)", 150.0);
        millis.put(ThreadCpuMeter.JIT + " (C1)", 50.0);
        millis.put("Camel (camel-#) thread ## - timer://deliveries", 100.0);

        CpuSplit split = CpuSplit.of(millis, 10);

        assertThat(split.byPart()).containsExactly(Map.entry(CpuSplit.GATEWAY, 50.0), Map.entry(CpuSplit.PARTNERS, 30.0),
                Map.entry(ThreadCpuMeter.JIT, 20.0));
        assertThat(split.gateway()).isEqualTo(50.0);
        assertThat(split.total()).isCloseTo(100.0, within(1e-9));
        assertThat(split.byThreads()).hasSize(5).containsEntry("sshd-SftpSubsystem-#-thread-#", 30.0);
    }
}
