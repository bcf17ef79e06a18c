package org.dragongate.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dragongate.bench.CsvConversionBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs conversions in a child JVM with a 32 MB heap, where the test JVM's 1 GB cannot hide a
 * document that costs memory in proportion to its size: a CSV of 100,000 rows (about 140 MB of
 * XML notices out) must convert, and entity or nesting bombs must end in a clean refusal.
 */
class SmallHeapConversionTest {
    @TempDir
    Path temp;

    /** Collecting the notices, or even their rows, would need several times the heap. */
    @Test
    void convertsCsvOfOneHundredThousandRowsInA32MbHeap() throws Exception {
        Path csv = temp.resolve("seizures.csv");
        CsvConversionBenchmark.write(csv, 100_000);

        Child child = convert(csv, "-Xmx32m");

        assertThat(child.exit).as(child.output()).isZero();
        assertThat(child.stdout).as(child.output()).startsWith("CONVERTED 100000 ");
        long xmlBytes = Long.parseLong(child.stdout.strip().split(" ")[2]);
        assertThat(xmlBytes).as("XML written, in bytes: far more than the heap").isGreaterThan(100L << 20);
    }

    @Test
    void refusesBillionLaughsInA32MbHeap() throws Exception {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        Path bomb = Files.writeString(temp.resolve("lol.xml"), "<?xml version=\"1.0\"?><!DOCTYPE notice [" + dtd + "]>"
                + "<notice xmlns=\"urn:dragongate:notice:1\"><summary>&lol9;</summary></notice>");

        convert(bomb, "-Xmx32m").assertRefused("MALFORMED_DOCUMENT");
    }

    @Test
    void refusesJsonNestingBombInA32MbHeapAndSmallStack() throws Exception {
        Path bomb = Files.writeString(temp.resolve("nested.json"), "[".repeat(1_000_000) + "]".repeat(1_000_000));

        convert(bomb, "-Xmx32m", "-Xss256k").assertRefused("MALFORMED_DOCUMENT");
    }

    @Test
    void refusesXmlNestingBombInA32MbHeapAndSmallStack() throws Exception {
        Path bomb = Files.writeString(temp.resolve("nested.xml"), "<notice xmlns=\"urn:dragongate:notice:1\">"
                + "<a>".repeat(1_000_000) + "</a>".repeat(1_000_000) + "</notice>");

        convert(bomb, "-Xmx32m", "-Xss256k").assertRefused("MALFORMED_DOCUMENT");
    }

    private record Child(int exit, String stdout, String stderr) {
        String output() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }

        void assertRefused(String reason) {
            assertThat(exit).as(output()).isEqualTo(3);
            assertThat(stderr).as(output()).contains("REJECTED " + reason);
            assertThat(stdout + stderr).doesNotContain("OutOfMemoryError").doesNotContain("StackOverflowError");
        }
    }

    private Child convert(Path file, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConvertInChildJvm.class.getName(), file.toString()));
        Path stdout = temp.resolve("child.out");
        Path stderr = temp.resolve("child.err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish within 120 s: " + command);
        }
        return new Child(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
