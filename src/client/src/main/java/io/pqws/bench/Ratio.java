package io.pqws.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The ratio of two measurements taken side by side in the same rounds: {@code numerator / denominator}.
 *
 * <p>Why per-round ratios: both measurements ran in the same round, seconds apart, so background load that slows one
 * round slows both; the ratio of a round's pair cancels it. The headline is the median of those paired ratios; the
 * range says how stable it was.
 *
 * @param label       what is compared, e.g. {@code hybrid / classic}
 * @param numerator   name of the measurement on top
 * @param denominator name of the measurement below
 * @param paired      median, min and max of the per-round ratios
 * @param target      the ratio the project aims for, or {@code NaN} for none
 * @param higherIsBetter whether a ratio above the target meets it (rates) or one below does (latencies, memory)
 */
public record Ratio(String label, String numerator, String denominator, Summary paired, double target,
        boolean higherIsBetter) {

    /** The ratio of two series measured in the same rounds (same count of values, in round order). */
    public static Ratio of(String label, Series numerator, Series denominator, double target, boolean higherIsBetter) {
        List<Double> top = numerator.values();
        List<Double> bottom = denominator.values();
        if (top.size() != bottom.size()) {
            throw new IllegalArgumentException(numerator.name() + " has " + top.size() + " rounds but "
                    + denominator.name() + " has " + bottom.size() + "; a ratio needs pairs from the same rounds");
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            if (bottom.get(i) != 0) {
                ratios.add(top.get(i) / bottom.get(i));
            }
        }
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException(denominator.name() + " is zero in every round");
        }
        return new Ratio(label, numerator.name(), denominator.name(), Summary.of(ratios), target, higherIsBetter);
    }

    public boolean hasTarget() {
        return !Double.isNaN(target);
    }

    /** Whether the median ratio meets the target; true when there is none. */
    public boolean meetsTarget() {
        if (!hasTarget()) {
            return true;
        }
        return higherIsBetter ? paired.median() >= target : paired.median() <= target;
    }
}
