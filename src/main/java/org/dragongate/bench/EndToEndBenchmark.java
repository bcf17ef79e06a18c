package org.dragongate.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.main.Main;
import org.dragongate.demo.EmbeddedMailServer;
import org.dragongate.demo.EmbeddedSftpServer;
import org.dragongate.demo.PartnerMailer;
import org.dragongate.demo.PartnerSession;
import org.dragongate.gateway.GatewayApplication;
import org.dragongate.pki.ExamplePki;
import org.dragongate.store.Database;
import org.dragongate.store.DatabaseSettings;

/**
 * The whole flow on one machine and in one JVM: the embedded SFTP and mail servers, a contact-point
 * receiver that notes when each Idempotency-Key arrives, and the gateway with durable intake (its
 * embedded broker and H2 under the work folder). Sealing happens before the clock starts; the
 * partners' clients, the servers and the gateway then share the process, so CPU time and RSS are
 * the whole machine's work for the run; the CPU time is also split by thread ({@link CpuSplit}) into
 * the gateway's, the stand-ins' and the JVM's. The floors ({@link RawCrypto}) are measured after the
 * gateway stopped, on the same packages.
 */
public final class EndToEndBenchmark {
    private static final String GATEWAY_PASSWORD = "gateway-bench";
    private static final String AU_ABF_MAIL = "intel@au-abf.example";
    private static final int BUSIEST_THREAD_GROUPS = 10;

    private final EndToEndSettings settings;
    private final PrintStream out;

    public EndToEndBenchmark(EndToEndSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public EndToEndReport run() throws Exception {
        Path work = Files.createDirectories(settings.workDir());
        String runId = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        out.printf("machine: %d cores, Java %s, max heap %d MB; work dir %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, work);
        out.printf("poll intervals: sftp.poll-delay %d ms, mail.poll-delay %d ms, delivery.poll-period %d ms; sftp.intake-sessions %s%n",
                settings.sftpPollDelay(), settings.mailPollDelay(), settings.deliveryPollPeriod(),
                settings.intakeSessions() > 0 ? Integer.toString(settings.intakeSessions()) : "as shipped");
        RawCrypto rawCrypto = new RawCrypto(settings.config(), settings.keys(), settings.signingKey(), work.resolve("open-spool"));
        out.printf("gateway signing key: %s, %s%n", rawCrypto.signingKeyAlgorithm(),
                settings.signingKey() != null ? settings.signingKey() : "the example PKI's (as shipped)");
        Path gatewayData = work.resolve("gateway");
        DatabaseSettings database = settings.database() == null ? DatabaseSettings.embedded(gatewayData)
                : new DatabaseSettings(settings.database().url(), settings.database().user(), settings.database().password(),
                        "bench_" + runId.toLowerCase(Locale.ROOT), settings.database().poolSize());
        out.printf("tracking database: %s%n", database);
        Path examples = settings.config().toAbsolutePath().getParent().resolveSibling("examples");
        List<BenchPackage> warmUp = new BenchPackages(settings.keys(), examples, work.resolve("warm-up-" + runId), runId + "W")
                .seal(settings.warmUp(), settings.noticeBytes(), 0, 0, 0);
        List<BenchPackage> packages = new BenchPackages(settings.keys(), examples, work.resolve("packages-" + runId), runId)
                .seal(settings.packages(), settings.noticeBytes(), settings.mailEvery(), settings.large(), settings.largeBytes());
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String partner : ExamplePki.PARTNER_IDS) {
            passwords.put(partner, partnerPassword(partner));
        }
        try (EmbeddedSftpServer sftp = EmbeddedSftpServer.start(work.resolve("sftp"), work.resolve("sftp-state"), 0, passwords, GATEWAY_PASSWORD);
             EmbeddedMailServer mail = EmbeddedMailServer.start(freePort(), freePort(), GATEWAY_PASSWORD);
             DeliveryRecorder recorder = DeliveryRecorder.start()) {
            Main gateway = GatewayApplication.create(settings.config(), overrides(sftp, mail, recorder, gatewayData, database, work));
            gateway.start();
            Sent sent;
            try {
                if (!warmUp.isEmpty()) {
                    out.printf("warm-up: %d packages through the whole flow before the clock starts%n", warmUp.size());
                    send(warmUp, sftp, mail, recorder, false);
                }
                sent = send(packages, sftp, mail, recorder, true);
            } finally {
                gateway.stop();
            }
            long peakRssMb = PeakRss.kilobytes() / 1024;
            Map<String, Instant> arrivals = recorder.arrivals();
            Map<String, Percentiles> stages = profile(database, packages, sent.uploaded(), arrivals);
            RawCrypto.Rates raw = rawCrypto.measure(packages);
            EndToEndReport report = report(packages, sent, arrivals, peakRssMb, raw, stages);
            print(report);
            return report;
        }
    }

    private Map<String, String> overrides(EmbeddedSftpServer sftp, EmbeddedMailServer mail, DeliveryRecorder recorder, Path gatewayData,
                                          DatabaseSettings database, Path work) throws IOException {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("camel.main.shutdown-timeout", "10");
        overrides.put("api.enabled", "false"); // the benchmark measures the flow; the admin API would only hold a port
        overrides.put("gateway.data-dir", gatewayData.toString());
        overrides.put("gateway.contact-points-file", contactPoints(recorder, work).toString());
        overrides.put("sftp.port", Integer.toString(sftp.port()));
        overrides.put("sftp.known-hosts-file", sftp.knownHosts().toString());
        overrides.put("sftp.password", GATEWAY_PASSWORD);
        overrides.put("sftp.poll-delay", Long.toString(settings.sftpPollDelay()));
        if (settings.signingKey() != null) {
            overrides.put("gateway.signing-key", settings.signingKey().toAbsolutePath().toString());
        }
        if (settings.database() != null) {
            overrides.put("database.url", database.url());
            overrides.put("database.user", database.user());
            overrides.put("database.password", database.password() == null ? "" : database.password());
            overrides.put("database.schema", database.schema());
        }
        if (settings.intakeSessions() > 0) {
            overrides.put("sftp.intake-sessions", Integer.toString(settings.intakeSessions()));
        }
        overrides.put("mail.host", "127.0.0.1");
        overrides.put("mail.port", Integer.toString(mail.imapPort()));
        overrides.put("mail.username", EmbeddedMailServer.GATEWAY_LOGIN);
        overrides.put("mail.password", GATEWAY_PASSWORD);
        overrides.put("mail.poll-delay", Long.toString(settings.mailPollDelay()));
        overrides.put("delivery.poll-period", Long.toString(settings.deliveryPollPeriod()));
        overrides.put("delivery.smtp.port", Integer.toString(mail.smtpPort()));
        return overrides;
    }

    /** The shipped contact points with their endpoints on the recorder and their certificates found from the work folder. */
    private Path contactPoints(DeliveryRecorder recorder, Path work) throws IOException {
        Path shipped = settings.config().resolveSibling("contact-points.yaml");
        String yaml = Files.readString(shipped);
        String endpoint = "http://127.0.0.1:8480" + DeliveryRecorder.PREFIX;
        if (!yaml.contains(endpoint)) {
            throw new IllegalStateException(shipped + " no longer names the demo receiver " + endpoint);
        }
        yaml = yaml.replace(endpoint, "http://127.0.0.1:" + recorder.port() + DeliveryRecorder.PREFIX)
                .replace("../" + ExamplePki.DEFAULT_OUT_DIR + "/", settings.keys().toAbsolutePath() + "/");
        return Files.writeString(work.resolve("contact-points.yaml"), yaml);
    }

    private record Sent(Instant start, Instant end, long cpuNanos, Map<String, Double> cpuByThreads, Map<String, Instant> uploaded) {
    }

    /** @param paced whether --rate applies (not to the warm-up) */
    private Sent send(List<BenchPackage> packages, EmbeddedSftpServer sftp, EmbeddedMailServer mail, DeliveryRecorder recorder, boolean paced)
            throws IOException, InterruptedException {
        List<String> expected = packages.stream().flatMap(p -> p.expectedKeys().stream()).toList();
        Map<String, Instant> uploaded = new HashMap<>();
        long cpuStart = processCpuNanos();
        Instant start = Instant.now();
        long databaseServerStart = databaseServerCpuNanos();
        try (ThreadCpuMeter meter = ThreadCpuMeter.start(EndToEndBenchmark::processCpuNanos)) {
            try (PartnerSession cnGacc = PartnerSession.open(sftp.port(), sftp.knownHosts(), ExamplePki.CN_GACC, partnerPassword(ExamplePki.CN_GACC))) {
                for (int i = 0; i < packages.size(); i++) {
                    if (paced) {
                        pace(start, i);
                    }
                    BenchPackage pkg = packages.get(i);
                    if (pkg.channel() == BenchPackage.Channel.MAIL) {
                        PartnerMailer.send(mail.smtpPort(), AU_ABF_MAIL, EmbeddedMailServer.GATEWAY_ADDRESS, pkg.file());
                    } else {
                        cnGacc.upload(pkg.file(), pkg.reference() + ".p7m");
                    }
                    uploaded.put(pkg.reference(), Instant.now());
                }
            }
            Instant deadline = start.plus(settings.timeout());
            while (!recorder.hasAll(expected) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            Map<String, Double> cpuByThreads = meter.stop();
            long cpu = processCpuNanos() - cpuStart;
            if (settings.database() != null) {
                cpuByThreads.put(CpuSplit.DATABASE_SERVER, (databaseServerCpuNanos() - databaseServerStart) / 1e6);
            }
            Instant end = recorder.arrivals().values().stream().max(Instant::compareTo).orElse(Instant.now());
            return new Sent(start, end, cpu, cpuByThreads, uploaded);
        }
    }

    /** With --rate, package i leaves at start + i / rate. */
    private void pace(Instant start, int i) throws InterruptedException {
        if (settings.rate() > 0) {
            long due = (long) (i * 1000 / settings.rate());
            long wait = due - Duration.between(start, Instant.now()).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
    }

    private Map<String, Percentiles> profile(DatabaseSettings database, List<BenchPackage> packages, Map<String, Instant> uploaded,
                                             Map<String, Instant> arrivals) throws Exception {
        StageProfile profile = new StageProfile();
        try (Database db = Database.open(database)) {
            for (BenchPackage pkg : packages) {
                profile.add(db, pkg, uploaded.get(pkg.reference()), arrivals);
            }
        }
        return profile.summary();
    }

    private EndToEndReport report(List<BenchPackage> packages, Sent sent, Map<String, Instant> arrivals, long peakRssMb, RawCrypto.Rates raw,
                                  Map<String, Percentiles> stages) {
        int expected = 0;
        int arrived = 0;
        long bytes = 0;
        Map<String, List<Double>> latency = new LinkedHashMap<>();
        latency.put("all", new ArrayList<>());
        for (BenchPackage pkg : packages) {
            bytes += pkg.bytes();
            for (String key : pkg.expectedKeys()) {
                expected++;
                Instant at = arrivals.get(key);
                if (at != null) {
                    arrived++;
                    double ms = Duration.between(sent.uploaded().get(pkg.reference()), at).toNanos() / 1e6;
                    latency.computeIfAbsent(pkg.group(), g -> new ArrayList<>()).add(ms);
                    latency.get("all").add(ms);
                }
            }
        }
        Map<String, Percentiles> latencyByGroup = new LinkedHashMap<>();
        latency.forEach((group, values) -> latencyByGroup.put(group, Percentiles.of(values)));
        double seconds = Duration.between(sent.start(), sent.end()).toNanos() / 1e9;
        return new EndToEndReport(packages.size(), expected, arrived, arrived < expected, seconds, packages.size() / seconds,
                bytes / 1e6 / seconds, latencyByGroup, sent.cpuNanos() / 1e6 / packages.size(),
                CpuSplit.of(sent.cpuByThreads(), packages.size()), peakRssMb, raw.open(), raw.flowCrypto(),
                raw.largeOpenMegabytes(), stages);
    }

    private void print(EndToEndReport r) {
        out.printf("%nsent %d packages, deliveries %d of %d%s in %.2f s%n", r.packagesSent(), r.deliveriesArrived(), r.deliveriesExpected(),
                r.timedOut() ? " (TIMED OUT after " + settings.timeout().toSeconds() + " s)" : "", r.seconds());
        out.printf("  end to end: %.2f packages/s, %.2f MB/s (first upload to last delivery)%n", r.packagesPerSecond(), r.megabytesPerSecond());
        out.printf("  raw open (decrypt + verify, same packages, 2 threads, no gateway): %.0f small packages/s%s; e2e/raw %.0f%%%n",
                r.rawOpenPerSecond(), Double.isNaN(r.rawOpenMegabytesPerSecond()) ? "" : String.format(", large %.0f MB/s", r.rawOpenMegabytesPerSecond()),
                100 * r.packagesPerSecond() / r.rawOpenPerSecond());
        out.printf("  the flow's cryptography (open, sign the notice, encrypt it for %s, sign a receipt; same packages, 2 threads): %.0f/s; e2e/that %.0f%%%n",
                String.join(" and ", RawCrypto.CONTACT_POINTS), r.rawFlowCryptoPerSecond(), 100 * r.packagesPerSecond() / r.rawFlowCryptoPerSecond());
        out.printf("  CPU per package: %.1f ms (whole process: servers, clients and gateway); peak RSS %d MB%n",
                r.cpuMillisPerPackage(), r.peakRssMb());
        out.println("  CPU per package by part, ms (threads sampled every 50 ms; JVM threads from /proc):");
        r.cpu().byPart().forEach((part, ms) -> out.printf("    %7.1f  %s%n", ms, part));
        out.println("  busiest thread groups, ms per package:");
        r.cpu().byThreads().entrySet().stream().limit(BUSIEST_THREAD_GROUPS)
                .forEach(e -> out.printf("    %7.1f  %s%n", e.getValue(), e.getKey()));
        out.println("  latency upload -> delivery, ms, per delivery:");
        out.printf("    %-11s %6s %9s %9s %9s %9s%n", "group", "n", "p50", "p95", "p99", "max");
        r.latencyByGroup().forEach((group, p) -> out.printf("    %-11s %6d %9.0f %9.0f %9.0f %9.0f%n", group, p.count(), p.p50(), p.p95(), p.p99(), p.max()));
        out.println("  stages (wall clock per package or delivery, ms; waits included):");
        out.printf("    %-72s %6s %8s %8s %8s%n", "stage", "n", "p50", "p95", "mean");
        r.stages().forEach((stage, p) -> out.printf("    %-72s %6d %8.1f %8.1f %8.1f%n", stage, p.count(), p.p50(), p.p95(), p.mean()));
    }

    /** PostgreSQL's processes on this machine, when the run uses PostgreSQL; 0 for H2 (it runs in the process). */
    private long databaseServerCpuNanos() {
        return settings.database() == null ? 0 : LocalProcessesCpu.nanos("postgres");
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static String partnerPassword(String partnerId) {
        return partnerId.toLowerCase(Locale.ROOT) + "-bench";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
