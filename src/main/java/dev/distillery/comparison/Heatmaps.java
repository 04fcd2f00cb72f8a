package dev.distillery.comparison;

import dev.distillery.shared.ConflictException;
import dev.distillery.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep's mean best test top-1 over two of its grid paths; cells that differ in other paths are
 * pooled (mean over all their runs that have a best epoch).
 */
final class Heatmaps {

    private Heatmaps() {}

    static byte[] draw(SweepSummary sweep, String x, String y, ChartSize size, ChartFormat format) {
        check("x", x, sweep);
        check("y", y, sweep);
        List<Object> xs = distinct(sweep, x);
        List<Object> ys = distinct(sweep, y);
        Map<List<Integer>, double[]> sums = new LinkedHashMap<>();
        for (SweepSummary.Cell cell : sweep.cells()) {
            MeanStd best = cell.bestTestTop1();
            if (best.n() > 0) {
                double[] sum = sums.computeIfAbsent(
                        List.of(
                                xs.indexOf(cell.values().get(x)),
                                ys.indexOf(cell.values().get(y))),
                        key -> new double[2]);
                sum[0] += best.mean() * best.n();
                sum[1] += best.n();
            }
        }
        if (sums.isEmpty()) {
            throw new ConflictException(
                    "no run of sweep " + sweep.id() + " has finished an epoch yet; nothing to draw");
        }
        List<Number[]> cells = new ArrayList<>();
        sums.forEach((at, sum) -> cells.add(new Number[] {at.get(0), at.get(1), sum[0] / sum[1]}));
        return Charts.heatmap("mean best test top-1", x, xs, y, ys, cells, size, format);
    }

    private static void check(String field, String path, SweepSummary sweep) {
        if (!sweep.grid().containsKey(path)) {
            throw new InvalidRequestException(
                    field,
                    "'" + path + "' is not a path of the sweep's grid; its paths: "
                            + String.join(", ", sweep.grid().keySet()));
        }
    }

    private static List<Object> distinct(SweepSummary sweep, String path) {
        return sweep.cells().stream()
                .map(cell -> cell.values().get(path))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }
}
