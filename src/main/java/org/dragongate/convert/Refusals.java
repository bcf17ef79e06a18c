package org.dragongate.convert;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dragongate.refusal.PackageRejected;
import org.dragongate.refusal.RejectReason;

/** Builds the refusals of the conversion stage, with messages a sender can act on. */
final class Refusals {
    /** Problems spelled out in the message; all of them (up to the limit) are in {@link InvalidNotice}. */
    private static final int IN_MESSAGE = 10;

    private Refusals() {
    }

    static PackageRejected invalid(List<FieldProblem> problems, long total) {
        String listed = problems.stream().limit(IN_MESSAGE).map(FieldProblem::toString).collect(Collectors.joining("; "));
        long more = total - Math.min(problems.size(), IN_MESSAGE);
        String message = "the notice does not meet the common schema (" + total + (total == 1 ? " problem" : " problems") + "): "
                + listed + (more > 0 ? "; and " + more + " more" : "");
        return new PackageRejected(RejectReason.INVALID_NOTICE, message, new InvalidNotice(problems, total));
    }

    static PackageRejected invalid(FieldProblem problem) {
        return invalid(List.of(problem), 1);
    }

    static PackageRejected malformed(String message, Throwable cause) {
        return new PackageRejected(RejectReason.MALFORMED_DOCUMENT, message, cause);
    }

    static PackageRejected tooLarge(String message) {
        return new PackageRejected(RejectReason.TOO_LARGE, message);
    }

    /** Points each problem without a source at where its value came from in the sender's layout. */
    static List<FieldProblem> withOrigins(List<FieldProblem> problems, Map<String, String> origins) {
        return problems.stream().map(problem -> {
            if (problem.source() != null) {
                return problem;
            }
            String origin = origins.get(problem.path());
            if (origin == null) {
                // concernedCountries[1] came from the list the mapping filled as a whole.
                origin = origins.get(problem.path().replaceFirst("\\[\\d+]$", ""));
            }
            return origin == null ? problem : problem.from(origin);
        }).toList();
    }
}
