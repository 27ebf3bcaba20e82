package io.pqws.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Median, minimum and maximum of the per-round values of one measurement.
 *
 * <p>Why the median of rounds and not a mean of everything: the benchmark shares a 2-core machine with other builds,
 * and a burst of background load spoils a round, not a figure; the median ignores a spoiled round and min–max shows
 * how much the rounds disagreed.
 *
 * @param median the median (for an even count, the mean of the two middle values)
 * @param min    the smallest value
 * @param max    the largest value
 * @param count  how many values there were
 */
public record Summary(double median, double min, double max, int count) {

    public Summary {
        if (count < 1) {
            throw new IllegalArgumentException("a summary needs at least one value");
        }
    }

    /** The summary of these values (at least one, none NaN). */
    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (Arrays.stream(sorted).anyMatch(Double::isNaN)) {
            throw new IllegalArgumentException("NaN among the values " + values);
        }
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(median, sorted[0], sorted[n - 1], n);
    }

    /** The spread of the rounds relative to the median, e.g. 0.12 when max and min are 12 % of it apart. */
    public double relativeSpread() {
        return median == 0 ? 0 : (max - min) / Math.abs(median);
    }
}
