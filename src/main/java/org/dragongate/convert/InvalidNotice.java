package org.dragongate.convert;

import java.util.List;
import org.dragongate.refusal.PackageRejected;

/**
 * The field-level problems behind an {@code INVALID_NOTICE} refusal. It travels as the cause of the
 * {@link PackageRejected}, so the receipts stage can send each problem back to the sender:
 * {@code InvalidNotice.problemsOf(rejected)}.
 */
public final class InvalidNotice extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldProblem> problems;
    private final long total;

    InvalidNotice(List<FieldProblem> problems, long total) {
        super(total + (total == 1 ? " problem" : " problems"), null, false, false);
        this.problems = List.copyOf(problems);
        this.total = total;
    }

    /** The problems kept (at most the configured limit), in document order. */
    public List<FieldProblem> problems() {
        return problems;
    }

    /** How many problems there were, including those beyond the limit. */
    public long total() {
        return total;
    }

    /** The field problems of a refusal, or an empty list when it was refused for another reason. */
    public static List<FieldProblem> problemsOf(PackageRejected rejected) {
        for (Throwable cause = rejected.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidNotice invalid) {
                return invalid.problems();
            }
        }
        return List.of();
    }
}
