package dev.distillery.comparison;

import java.util.Map;

/**
 * One run's student epochs, column by column: {@code values.get(metric)[i]} is the metric at
 * {@code epochs[i]}, NaN where it was not recorded.
 */
record RunMetrics(int[] epochs, Map<String, double[]> values) {

    static final RunMetrics NONE = new RunMetrics(new int[0], Map.of());
}
