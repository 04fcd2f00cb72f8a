package dev.distillery.comparison;

import dev.distillery.comparison.Comparison.Series;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/** Aligns every run's per-epoch metric values on the union of their epochs. */
final class SeriesBuilder {

    private SeriesBuilder() {}

    static Series align(List<UUID> runs, Map<UUID, RunMetrics> metrics) {
        int[] axis = runs.stream()
                .flatMapToInt(run ->
                        IntStream.of(metrics.getOrDefault(run, RunMetrics.NONE).epochs()))
                .distinct()
                .sorted()
                .toArray();
        Map<String, Map<UUID, List<Double>>> series = new LinkedHashMap<>();
        for (UUID run : runs) {
            RunMetrics m = metrics.getOrDefault(run, RunMetrics.NONE);
            int[] at = Arrays.stream(m.epochs())
                    .map(epoch -> Arrays.binarySearch(axis, epoch))
                    .toArray();
            m.values().forEach((name, values) -> series.computeIfAbsent(name, n -> new LinkedHashMap<>())
                    .put(run, Arrays.asList(aligned(values, at, axis.length))));
        }
        return new Series(Arrays.stream(axis).boxed().toList(), series);
    }

    private static Double[] aligned(double[] values, int[] at, int length) {
        Double[] row = new Double[length];
        for (int i = 0; i < values.length; i++) {
            row[at[i]] = Double.isNaN(values[i]) ? null : values[i];
        }
        return row;
    }
}
