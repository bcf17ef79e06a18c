package org.dragongate.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.dragongate.convert.ContainerNumber;
import org.dragongate.convert.ConversionSummary;
import org.dragongate.convert.NoticeConverter;
import org.dragongate.convert.PartnerFormat;
import org.dragongate.notice.Provenance;
import org.dragongate.refusal.PackageRejected;

/**
 * Converts a generated seizure list in the common CSV layout, one notice per row, the whole way:
 * read, map, check every rule, write the XML and validate it against the XSD. Run it with a small
 * heap ({@code -Xmx128m}) to show that memory does not grow with the number of rows; it prints
 * rows per second and the peak resident set size (VmHWM).
 */
public final class CsvConversionBenchmark {
    static final String HEADER = "id,kind,category,issuingAgency.name,issuingAgency.country,dates.issued,dates.event,summary,"
            + "place.name,place.country,place.locode,commodity.description,commodity.hsCode,commodity.cites.species,"
            + "commodity.cites.appendix,commodity.quantity.value,commodity.quantity.unit,conveyance.mode,"
            + "conveyance.vesselOrFlight,conveyance.containerNumbers,route.origin,route.transits,route.destination,handling,"
            + "concernedCountries";
    private static final String[][] GOODS = {
            {"NARCOTICS", "Methamphetamine, crystalline", "293971", "", "", "kg"},
            {"PRECURSORS", "Ephedrine hydrochloride", "293941", "", "", "kg"},
            {"WILDLIFE", "Pangolin scales", "050800", "Manis javanica", "I", "kg"},
            {"WILDLIFE", "Rosewood logs", "440349", "Dalbergia cochinchinensis", "II", "t"},
            {"NARCOTICS", "Heroin", "293911", "", "", "g"},
    };
    private static final String[] PORTS = {"VNHPH", "VNSGN", "MYPKG", "SGSIN", "THLCH", "KHKOS", "HKHKG", "CNSHA"};

    private final Path workDir;
    private final PrintStream out;

    public CsvConversionBenchmark(Path workDir, PrintStream out) {
        this.workDir = workDir;
        this.out = out;
    }

    /** {@code java -Xmx128m -cp dragongate.jar org.dragongate.bench.CsvConversionBenchmark [rows]}; same as {@code bench csv}. */
    public static void main(String[] args) throws IOException, PackageRejected {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("dragongate-bench-csv");
        new CsvConversionBenchmark(work, System.out).run(rows);
        Files.deleteIfExists(work);
    }

    public void run(int rows) throws IOException, PackageRejected {
        Path csv = workDir.resolve("seizures-" + rows + ".csv");
        try {
            measure(csv, rows);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private void measure(Path csv, int rows) throws IOException, PackageRejected {
        long started = System.nanoTime();
        write(csv, rows);
        out.printf(Locale.ROOT, "generated %,d rows (%,d MB) in %.1f s%n", rows, Files.size(csv) >> 20, seconds(started));

        out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        NoticeConverter converter = new NoticeConverter();
        Provenance provenance = new Provenance("VN-CUSTOMS", "CN=VN Customs signer,O=VN Customs,C=VN", "5f3a9c",
                "0".repeat(64), "sftp", Instant.parse("2026-11-23T08:00:00Z"));
        long[] xmlBytes = {0};
        started = System.nanoTime();
        ConversionSummary summary;
        try (InputStream in = Files.newInputStream(csv)) {
            summary = converter.convert(in, "text/csv", PartnerFormat.canonicalOnly("VN-CUSTOMS"), provenance, List.of(),
                    notice -> xmlBytes[0] += notice.xml().length);
        }
        double seconds = seconds(started);
        out.printf(Locale.ROOT, "converted %,d notices (%s) in %.1f s: %,.0f rows/s, %.1f MB/s of CSV; %,d MB of validated XML%n",
                summary.notices(), summary.format(), seconds, summary.notices() / seconds, Files.size(csv) / 1e6 / seconds,
                xmlBytes[0] >> 20);
        Runtime runtime = Runtime.getRuntime();
        out.printf(Locale.ROOT, "heap in use at the end: %d MB; peak RSS (VmHWM): %d MB%n",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, PeakRss.kilobytes() / 1024);
    }

    /** Rows that pass every rule, varied enough that no cache or branch predictor makes it look cheap. */
    public static void write(Path csv, int rows) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            writer.write(HEADER);
            writer.write('\n');
            for (int i = 0; i < rows; i++) {
                String[] goods = GOODS[i % GOODS.length];
                String destination = PORTS[i % PORTS.length];
                String origin = PORTS[(i + 3) % PORTS.length];
                String transit = PORTS[(i + 5) % PORTS.length];
                String serial = String.format(Locale.ROOT, "%06d", i % 1_000_000);
                String container = "MSCU" + serial + ContainerNumber.checkDigit("MSCU" + serial);
                String row = String.join(",",
                        "VN-SEIZ-2026-" + i, "SEIZURE_REPORT", goods[0], "\"Viet Nam Customs, Hai Phong\"", "VN",
                        "2026-11-2" + (i % 3) + "T09:00:00+07:00", "2026-11-1" + (i % 9), "\"Seizure " + i + " at the port: "
                                + goods[1].toLowerCase(Locale.ROOT) + " concealed in declared furniture\"",
                        "Hai Phong port", destination.substring(0, 2), destination, "\"" + goods[1] + "\"", goods[2], goods[3],
                        goods[4], Integer.toString(1 + i % 997) + "." + (i % 10), goods[5], "SEA", "VESSEL " + (i % 50), container,
                        origin, transit, destination, "AMBER", destination.substring(0, 2) + " " + origin.substring(0, 2));
                writer.write(row);
                writer.write('\n');
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
