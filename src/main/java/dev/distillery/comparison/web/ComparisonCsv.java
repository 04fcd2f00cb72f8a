package dev.distillery.comparison.web;

import dev.distillery.comparison.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A comparison in long format: one line per run and epoch, one column per metric. */
final class ComparisonCsv {

    private ComparisonCsv() {}

    static String write(Comparison comparison) {
        List<String> metrics = List.copyOf(comparison.series().metrics().keySet());
        List<Object> header = new ArrayList<>(List.of("experimentId", "name", "epoch"));
        header.addAll(metrics);
        StringBuilder csv = new StringBuilder(Csv.line(header));
        List<Integer> epochs = comparison.series().epochs();
        for (Comparison.Run run : comparison.runs()) {
            for (int e = 0; e < epochs.size(); e++) {
                List<Object> cells = values(comparison, metrics, run.id(), e);
                if (cells.stream().anyMatch(java.util.Objects::nonNull)) {
                    List<Object> line =
                            new ArrayList<>(List.of(run.id(), run.identity().name(), epochs.get(e)));
                    line.addAll(cells);
                    csv.append(Csv.line(line));
                }
            }
        }
        return csv.toString();
    }

    private static List<Object> values(Comparison comparison, List<String> metrics, UUID run, int epoch) {
        List<Object> cells = new ArrayList<>();
        for (String metric : metrics) {
            List<Double> values = comparison.series().metrics().get(metric).get(run);
            cells.add(values == null ? null : values.get(epoch));
        }
        return cells;
    }
}
