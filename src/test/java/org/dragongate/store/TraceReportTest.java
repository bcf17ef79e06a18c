package org.dragongate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.dragongate.store.AuditTrail.AuditRecord;
import org.dragongate.store.PackageHistory.Quarantined;
import org.dragongate.store.PackageHistory.Received;
import org.dragongate.store.PackageHistory.TracedDelivery;
import org.dragongate.store.PackageHistory.TracedNotice;
import org.junit.jupiter.api.Test;

class TraceReportTest {
    private static final String SHA = "ab".repeat(32);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final TraceReport report = new TraceReport();

    @Test
    void showsHowThePackageCameInWhereEachNoticeWentAndTheAuditRecords() {
        String text = report.format(List.of(history("inbox/CN-GACC/batch-1.p7m", "HTTP 503")));

        assertThat(text).startsWith("package " + SHA + "\n")
                .contains("  received      2026-03-01T10:00:00Z over sftp, 4242 bytes, CMS\n")
                .contains("  claimed by    CN-GACC\n")
                .contains("  partner       CN-GACC, signed by CN=GACC signer (serial 1f2e)\n")
                .contains("  notice        CN-GACC/REF-1/2\n")
                .contains("    reference     REF-1 of CN-GACC, version 2\n")
                .contains("    supersedes    CN-GACC/REF-1/1\n")
                .contains("      to            CP-FR, because destination FR\n")
                .contains("      state         QUEUED after 3 attempts, queued 2026-03-01T10:00:06Z\n")
                .contains("      last attempt  2026-03-01T10:00:36Z: HTTP 503\n")
                .contains("      next attempt  2026-03-01T10:10:00Z\n")
                .contains("  audit         2 records\n")
                .contains("    #7  2026-03-01T10:00:01Z  RECEIVED  by gw-1  on package\n      sftp\n")
                .contains("    #9  2026-03-01T10:00:40Z  RETRIED  by gw-2  on CN-GACC/REF-1/2>CP-FR\n");
    }

    @Test
    void aRefusedPackageShowsItsReasonAndQuarantineEntry() {
        Received refused = new Received(SHA, 10, "mail", "CN-GACC", "x@y", "SMIME", T0, "QUARANTINED", null, null, null,
                "BAD_SIGNATURE", T0);
        String text = report.format(List.of(new PackageHistory(refused,
                List.of(new Quarantined("q-1", "BAD_SIGNATURE", "the signature does not verify", "OPEN", T0, T0)), List.of(),
                List.of())));

        assertThat(text).contains("  partner       not established (signature not verified)\n")
                .contains("  reason        BAD_SIGNATURE\n")
                .contains("  quarantine    q-1 BAD_SIGNATURE, OPEN since 2026-03-01T10:00:00Z")
                .contains("    message       the signature does not verify\n")
                .contains("  notices       none\n")
                .contains("  audit         0 records\n");
    }

    /** A mail sender or a contact point's answer is outside text: it must not drive the administrator's terminal. */
    @Test
    void escapesControlCharactersFromOutsideText() {
        String text = report.format(List.of(history("evil\u001b[2J\nrecord #1 forged\u202e", "HTTP 500\r\nX: y")));

        assertThat(text).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u202e")
                .contains("evil\\u001b[2J\\u000arecord #1 forged\\u202e")
                .contains("HTTP 500\\u000d\\u000aX: y");
    }

    private static PackageHistory history(String origin, String lastOutcome) {
        Received received = new Received(SHA, 4242, "sftp", "CN-GACC", origin, "CMS", T0, "ACCEPTED", "CN-GACC", "CN=GACC signer",
                "1f2e", null, T0.plusSeconds(2));
        TracedDelivery delivery = new TracedDelivery("CN-GACC/REF-1/2>CP-FR", "CP-FR", "destination FR", "QUEUED", 3,
                T0.plusSeconds(6), T0.plusSeconds(16), T0.plusSeconds(36), T0.plusSeconds(600), lastOutcome);
        TracedNotice notice = new TracedNotice("CN-GACC/REF-1/2", "CN-GACC", "REF-1", 2, "cd".repeat(32), "CN-GACC/REF-1/1", null,
                T0.plusSeconds(5), List.of(delivery));
        List<AuditRecord> audit = List.of(
                new AuditRecord(7, T0.plusSeconds(1), "gw-1", "RECEIVED", SHA, "sftp", "0".repeat(64), "1".repeat(64)),
                new AuditRecord(9, T0.plusSeconds(40), "gw-2", "RETRIED", "CN-GACC/REF-1/2>CP-FR", "", "2".repeat(64),
                        "3".repeat(64)));
        return new PackageHistory(received, List.of(), List.of(notice), audit);
    }
}
