package org.dragongate.store;

import java.time.Instant;
import java.util.List;
import org.dragongate.store.AuditTrail.AuditRecord;
import org.dragongate.store.PackageHistory.Quarantined;
import org.dragongate.store.PackageHistory.Received;
import org.dragongate.store.PackageHistory.TracedDelivery;
import org.dragongate.store.PackageHistory.TracedNotice;
import org.dragongate.store.PackageTrace.Ambiguous;
import org.dragongate.store.PackageTrace.Candidate;

/**
 * A package's history as text for an administrator: one labelled line per fact, indented by what it
 * belongs to. Text that came from outside (mail senders, file names, outcomes) is printed with its
 * control characters escaped, so it cannot move the cursor or fake lines in a terminal.
 */
public final class TraceReport {
    private static final int LABEL = 14;

    /** The histories one after another, separated by a blank line. */
    public String format(List<PackageHistory> histories) {
        StringBuilder out = new StringBuilder();
        for (PackageHistory history : histories) {
            if (out.length() > 0) {
                out.append('\n');
            }
            format(history, out);
        }
        return out.toString();
    }

    /** The packages an ambiguous prefix matches, one per line, for the administrator to pick from. */
    public String candidates(Ambiguous ambiguous) {
        StringBuilder out = new StringBuilder();
        for (Candidate candidate : ambiguous.candidates()) {
            out.append("  ").append(candidate.sha256()).append("  ").append(time(candidate.receivedAt())).append("  ")
                    .append(clean(candidate.channel())).append("  ").append(clean(candidate.claimedPartner())).append('\n');
        }
        if (ambiguous.more()) {
            out.append("  ... and more\n");
        }
        return out.toString();
    }

    /** Audit records one per line (the detail on the next), as {@code audit list} shows them. */
    public String auditRecords(List<AuditRecord> records) {
        StringBuilder out = new StringBuilder();
        records.forEach(record -> record(out, 0, record, null));
        return out.toString();
    }

    private void format(PackageHistory history, StringBuilder out) {
        Received received = history.received();
        out.append("package ").append(received.sha256()).append('\n');
        line(out, 1, "received", time(received.receivedAt()) + " over " + clean(received.channel()) + ", "
                + received.sizeBytes() + " bytes, " + clean(received.form()));
        line(out, 1, "claimed by", clean(received.claimedPartner()));
        line(out, 1, "origin", clean(received.origin()));
        line(out, 1, "state", clean(received.state()) + " since " + time(received.updatedAt()));
        if (received.partnerId() != null) {
            line(out, 1, "partner", clean(received.partnerId()) + ", signed by " + clean(received.signerSubject())
                    + " (serial " + clean(received.signerSerial()) + ")");
        } else {
            line(out, 1, "partner", "not established (signature not verified)");
        }
        if (received.reasonCode() != null) {
            line(out, 1, "reason", clean(received.reasonCode()));
        }
        for (Quarantined entry : history.quarantine()) {
            line(out, 1, "quarantine", clean(entry.quarantineId()) + " " + clean(entry.reasonCode()) + ", " + clean(entry.state())
                    + " since " + time(entry.updatedAt()) + " (quarantined " + time(entry.quarantinedAt()) + ")");
            line(out, 2, "message", clean(entry.message()));
        }
        if (history.notices().isEmpty()) {
            line(out, 1, "notices", "none");
        }
        for (TracedNotice notice : history.notices()) {
            notice(notice, out);
        }
        line(out, 1, "audit", history.audit().size() + (history.audit().size() == 1 ? " record" : " records"));
        for (AuditRecord record : history.audit()) {
            record(out, 2, record, received.sha256());
        }
    }

    private void notice(TracedNotice notice, StringBuilder out) {
        line(out, 1, "notice", clean(notice.noticeId()));
        line(out, 2, "reference", clean(notice.reference()) + " of " + clean(notice.partnerId()) + ", version " + notice.version());
        if (notice.supersedes() != null) {
            line(out, 2, "supersedes", clean(notice.supersedes()));
        }
        if (notice.supersededBy() != null) {
            line(out, 2, "superseded by", clean(notice.supersededBy()));
        }
        line(out, 2, "content", "sha256 " + notice.contentSha256());
        line(out, 2, "received", time(notice.receivedAt()));
        if (notice.deliveries().isEmpty()) {
            line(out, 2, "deliveries", "none");
        }
        for (TracedDelivery delivery : notice.deliveries()) {
            line(out, 2, "delivery", clean(delivery.deliveryKey()));
            line(out, 3, "to", clean(delivery.contactPointId()) + ", because " + clean(delivery.routingReason()));
            line(out, 3, "state", clean(delivery.state()) + " after " + delivery.attempts()
                    + (delivery.attempts() == 1 ? " attempt" : " attempts") + ", queued " + time(delivery.queuedAt()));
            if (delivery.lastAttemptAt() != null) {
                line(out, 3, "last attempt", time(delivery.lastAttemptAt())
                        + (delivery.lastOutcome() == null ? "" : ": " + clean(delivery.lastOutcome())));
            }
            if ("QUEUED".equals(delivery.state())) {
                line(out, 3, "next attempt", time(delivery.nextAttemptAt()));
            }
        }
    }

    private static void record(StringBuilder out, int depth, AuditRecord record, String packageSha256) {
        String about = record.subject().equals(packageSha256) ? "package" : clean(record.subject());
        indent(out, depth).append('#').append(record.seq()).append("  ").append(time(record.recordedAt())).append("  ")
                .append(clean(record.event())).append("  by ").append(clean(record.actor())).append("  on ").append(about)
                .append('\n');
        if (!record.detail().isEmpty()) {
            indent(out, depth + 1).append(clean(record.detail())).append('\n');
        }
    }

    private static void line(StringBuilder out, int depth, String label, String value) {
        indent(out, depth).append(label).append(" ".repeat(Math.max(1, LABEL - label.length()))).append(value).append('\n');
    }

    private static StringBuilder indent(StringBuilder out, int depth) {
        return out.append("  ".repeat(depth));
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : instant.toString();
    }

    /** The text with control and invisible formatting characters shown as escapes. */
    static String clean(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
