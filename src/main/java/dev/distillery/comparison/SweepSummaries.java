package dev.distillery.comparison;

import dev.distillery.experiments.ExperimentSummary;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** Summarises a sweep's experiments per grid cell (one group of repeats per cell). */
final class SweepSummaries {

    private SweepSummaries() {}

    /** @param groupOf the group of each run */
    static SweepSummary of(
            SweepStore.Sweep sweep, List<ExperimentSummary> runs, Map<UUID, UUID> groupOf, SpecFields fields) {
        Map<UUID, List<ExperimentSummary>> groups = runs.stream()
                .collect(Collectors.groupingBy(run -> groupOf.get(run.id()), LinkedHashMap::new, Collectors.toList()));
        List<SweepSummary.Cell> cells = new ArrayList<>();
        groups.forEach((group, members) -> cells.add(cell(sweep, group, members, fields)));
        cells.sort(gridOrder(sweep.grid()));
        Map<String, Long> statuses = runs.stream()
                .collect(Collectors.groupingBy(e -> e.status().name(), TreeMap::new, Collectors.counting()));
        double progress =
                runs.stream().mapToDouble(ExperimentSummary::progress).average().orElse(0);
        return new SweepSummary(sweep.id(), sweep.grid(), sweep.repeats(), runs.size(), progress, statuses, cells);
    }

    private static SweepSummary.Cell cell(
            SweepStore.Sweep sweep, UUID group, List<ExperimentSummary> members, SpecFields fields) {
        List<Trial> trials =
                members.stream().map(e -> Trial.of(e, e.spec().seed())).toList();
        return new SweepSummary.Cell(
                values(sweep, fields.flatten(members.get(0).spec())),
                group,
                members.stream().map(ExperimentSummary::id).toList(),
                Statistics.meanStd(trials.stream().map(Trial::best).toList()),
                Statistics.meanStd(trials.stream().map(Trial::last).toList()));
    }

    /** The cell's value at each grid path, read back from its resolved spec. */
    private static Map<String, Object> values(SweepStore.Sweep sweep, Map<String, Object> flat) {
        Map<String, Object> values = new LinkedHashMap<>();
        sweep.grid().keySet().forEach(path -> values.put(path, flat.get(path)));
        return values;
    }

    /** Cells in the order the grid lists them, the first path varying slowest. */
    private static Comparator<SweepSummary.Cell> gridOrder(Map<String, List<Object>> grid) {
        Comparator<SweepSummary.Cell> order = (a, b) -> 0;
        for (Map.Entry<String, List<Object>> axis : grid.entrySet()) {
            List<String> values =
                    axis.getValue().stream().map(SweepSummaries::canonical).toList();
            order = order.thenComparingInt(
                    cell -> values.indexOf(canonical(cell.values().get(axis.getKey()))));
        }
        return order;
    }

    /** 3, 3.0 and "3" alike. */
    private static String canonical(Object value) {
        String text = String.valueOf(value);
        try {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }
}
