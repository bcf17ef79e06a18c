package org.dragongate.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Milliseconds summarised the way the benchmark prints them: nearest-rank percentiles and the mean. */
public record Percentiles(int count, double p50, double p95, double p99, double max, double mean) {
    static Percentiles of(Collection<Double> millis) {
        if (millis.isEmpty()) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double sum = 0;
        for (double m : sorted) {
            sum += m;
        }
        return new Percentiles(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted.get(sorted.size() - 1),
                sum / sorted.size());
    }

    private static double rank(List<Double> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
