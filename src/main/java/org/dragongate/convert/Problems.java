package org.dragongate.convert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems of one document, up to a limit: a sender with a million bad rows gets the
 * first hundred and a count, and the gateway does not hold a million messages.
 */
final class Problems {
    private final int limit;
    private final List<FieldProblem> kept = new ArrayList<>();
    private final Set<String> paths = new HashSet<>();
    private long total;

    Problems(int limit) {
        this.limit = limit;
    }

    void add(FieldProblem problem) {
        total++;
        paths.add(problem.path());
        if (kept.size() < limit) {
            kept.add(problem);
        }
    }

    void add(String path, String value, String expected) {
        add(FieldProblem.of(path, value, expected));
    }

    void missing(String path, String expected) {
        add(FieldProblem.missing(path, expected));
    }

    /** Whether a field already has a problem, so a later check does not report it twice (bad value, then "missing"). */
    boolean hasAt(String path) {
        return paths.contains(path);
    }

    boolean isEmpty() {
        return total == 0;
    }

    boolean isFull() {
        return kept.size() >= limit;
    }

    long total() {
        return total;
    }

    List<FieldProblem> list() {
        return List.copyOf(kept);
    }
}
