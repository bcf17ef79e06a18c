package org.dragongate.convert;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dragongate.refusal.PackageRejected;

/**
 * Converts one file in a JVM of its own, so a test can choose the heap: prints
 * {@code CONVERTED <count> <xml bytes>} and exits 0, or prints {@code REJECTED <CODE>: <message>} and exits 3.
 * Notices are counted and dropped, as a sink that streams them to disk would.
 */
public final class ConvertInChildJvm {
    private ConvertInChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long[] xmlBytes = {0};
        try (InputStream in = Files.newInputStream(file)) {
            ConversionSummary summary = new NoticeConverter().convert(in, "application/octet-stream",
                    PartnerFormat.canonicalOnly("CN-GACC"), Conversions.PROVENANCE, List.of(),
                    notice -> xmlBytes[0] += notice.xml().length);
            System.out.println("CONVERTED " + summary.notices() + " " + xmlBytes[0]);
        } catch (PackageRejected e) {
            System.err.println(e.summary());
            System.exit(3);
        }
    }
}
