package org.dragongate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end benchmark with tiny numbers: every delivery arrives and every figure is there. Timings are not asserted. */
class EndToEndBenchIT {
    @TempDir
    Path work;

    @Test
    void fivePackagesOneByMailAllArriveAndEveryFigureIsReported() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EndToEndSettings settings = new EndToEndSettings(2, 5, 3 * 1024, 5, 0, 0, 0, Duration.ofSeconds(90), 0, 200, 500, 200, null, null,
                Path.of("config", "application.properties"), Path.of("keys-example"), work);

        EndToEndReport report = new EndToEndBenchmark(settings, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        // Four CN-GACC wildlife alerts by SFTP (VN-ENV-POLICE and a copy to RILO-AP), one AU-ABF drug alert by mail (VN-DRUG-POLICE).
        assertThat(report.packagesSent()).isEqualTo(5);
        assertThat(report.deliveriesExpected()).isEqualTo(9);
        assertThat(report.deliveriesArrived()).isEqualTo(9);
        assertThat(report.allDelivered()).isTrue();
        assertThat(report.packagesPerSecond()).isPositive();
        assertThat(report.megabytesPerSecond()).isPositive();
        assertThat(report.cpuMillisPerPackage()).isPositive();
        assertThat(report.cpu().byPart()).containsKeys(CpuSplit.GATEWAY, CpuSplit.PARTNERS);
        assertThat(report.cpu().gateway()).isPositive().isLessThan(report.cpu().total());
        assertThat(report.cpu().byPart().get(CpuSplit.PARTNERS)).isPositive();
        assertThat(report.cpu().total()).isGreaterThanOrEqualTo(0.9 * report.cpuMillisPerPackage());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("CPU per package by part", CpuSplit.GATEWAY, "busiest thread groups");
        assertThat(report.peakRssMb()).isPositive();
        assertThat(report.rawOpenPerSecond()).isPositive();
        // Three private-key operations and two encryptions against one private-key operation: slower than opening alone.
        assertThat(report.rawFlowCryptoPerSecond()).isPositive().isLessThan(report.rawOpenPerSecond());
        assertThat(report.latencyByGroup()).containsOnlyKeys("all", "small-sftp", "small-mail");
        assertThat(report.latencyByGroup().get("all").count()).isEqualTo(9);
        assertThat(report.latencyByGroup().get("small-mail").count()).isEqualTo(1);
        assertThat(report.latencyByGroup().get("all").p99()).isPositive();
        assertThat(report.stages()).hasSize(StageProfile.STAGES.size());
        assertThat(report.stages().values()).allSatisfy(stage -> assertThat(stage.count()).isPositive());
        assertThat(report.stages().get(StageProfile.STAGES.get(0)).count()).isEqualTo(5);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("deliveries 9 of 9", "packages/s", "MB/s", "p99", "CPU per package", "peak RSS",
                        "sftp.poll-delay 200 ms", "mail.poll-delay 500 ms", "delivery.poll-period 200 ms");
    }
}
