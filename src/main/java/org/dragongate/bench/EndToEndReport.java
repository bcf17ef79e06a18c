package org.dragongate.bench;

import java.util.Map;

/**
 * The figures of one end-to-end run, as printed. Latencies (ms) are per delivery, from the moment
 * the package's upload (rename) or mail submission completed to the delivery's arrival. {@code cpu}
 * splits {@code cpuMillisPerPackage} by who used it.
 */
public record EndToEndReport(int packagesSent, int deliveriesExpected, int deliveriesArrived, boolean timedOut, double seconds,
                             double packagesPerSecond, double megabytesPerSecond, Map<String, Percentiles> latencyByGroup,
                             double cpuMillisPerPackage, CpuSplit cpu, long peakRssMb, double rawOpenPerSecond, double rawFlowCryptoPerSecond,
                             double rawOpenMegabytesPerSecond,
                             Map<String, Percentiles> stages) {
    public boolean allDelivered() {
        return !timedOut && deliveriesArrived == deliveriesExpected;
    }
}
