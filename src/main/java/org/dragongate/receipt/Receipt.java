package org.dragongate.receipt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dragongate.convert.FieldProblem;
import org.dragongate.convert.InvalidNotice;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;

/**
 * What the gateway tells a partner about one package it sent: accepted, with each notice and the
 * contact points it goes to, or rejected, with the reason code, the message and the field problems.
 * Only for packages whose signature was verified: see {@link ReceiptPolicy}.
 *
 * @param notices  for ACCEPTED, the notices and their contact points; empty for REJECTED
 * @param reason   for REJECTED, the code; null for ACCEPTED
 * @param message  for REJECTED, the refusal's message; null for ACCEPTED
 * @param problems for REJECTED, the field problems (INVALID_NOTICE); empty otherwise
 */
public record Receipt(String packageSha256, String partnerId, Status status, List<NoticeReceipt> notices,
                      RejectReason reason, String message, List<FieldProblem> problems, Instant issuedAt) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Same as notice and contact point ids: the partner id ends up in file names and URIs. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,79}");

    public enum Status { ACCEPTED, REJECTED }

    /** What the gateway made of a notice: first seen, a new version of a reference seen before, or the same notice again. */
    public enum NoticeOutcome { NEW, NEW_VERSION, DUPLICATE }

    /**
     * A contact point a notice goes to, and where that delivery stands when the receipt is issued.
     *
     * @param state {@code QUEUED}, {@code DELIVERED} or {@code DEAD} (failed for good: the administrators see it)
     */
    public record ContactPointState(String contactPointId, String state) {
        public ContactPointState {
            Objects.requireNonNull(contactPointId, "contactPointId");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * One accepted notice. A DUPLICATE is not delivered again: its contact points are those of the
     * notice it repeats, with their states, so a duplicate of a notice that never got through does not
     * read as delivered.
     *
     * @param noticeId   the gateway's id, {@code <partner>.<reference>.v<version>}
     * @param reference  the partner's own id of the notice
     * @param supersedes for NEW_VERSION, the gateway id of the version it replaces; null otherwise
     */
    public record NoticeReceipt(String noticeId, String reference, NoticeOutcome outcome, String supersedes,
                                List<ContactPointState> contactPoints) {
        public NoticeReceipt {
            Objects.requireNonNull(noticeId, "noticeId");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(outcome, "outcome");
            contactPoints = List.copyOf(contactPoints);
        }
    }

    public Receipt {
        if (packageSha256 == null || !SHA256.matcher(packageSha256).matches()) {
            throw new IllegalArgumentException("package sha256 must be 64 lower-case hex digits");
        }
        if (partnerId == null || !SAFE_ID.matcher(partnerId).matches()) {
            throw new IllegalArgumentException("partner id must match " + SAFE_ID.pattern());
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(issuedAt, "issuedAt");
        notices = List.copyOf(notices);
        problems = List.copyOf(problems);
        if (status == Status.REJECTED && reason == null) {
            throw new IllegalArgumentException("a rejected receipt needs a reason");
        }
        if (status == Status.ACCEPTED && (reason != null || !problems.isEmpty())) {
            throw new IllegalArgumentException("an accepted receipt carries no reason or problems");
        }
    }

    public static Receipt accepted(String packageSha256, String partnerId, List<NoticeReceipt> notices, Instant issuedAt) {
        return new Receipt(packageSha256, partnerId, Status.ACCEPTED, notices, null, null, List.of(), issuedAt);
    }

    public static Receipt rejected(String packageSha256, String partnerId, RejectReason reason, String message,
                                   List<FieldProblem> problems, Instant issuedAt) {
        return new Receipt(packageSha256, partnerId, Status.REJECTED, List.of(), reason, message, problems, issuedAt);
    }

    /** From the refusal itself: its code, its message and the field problems of an INVALID_NOTICE. */
    public static Receipt rejected(String packageSha256, String partnerId, PackageRejected rejected, Instant issuedAt) {
        return rejected(packageSha256, partnerId, rejected.reason(), rejected.getMessage(), InvalidNotice.problemsOf(rejected), issuedAt);
    }

    /** The first 12 hex digits, as in file names and logs. */
    public String shortSha() {
        return packageSha256.substring(0, 12);
    }

    /** {@code receipt-<sha12>-<status>}: the receipt's name on every channel. */
    public String name() {
        return "receipt-" + shortSha() + "-" + status;
    }
}
