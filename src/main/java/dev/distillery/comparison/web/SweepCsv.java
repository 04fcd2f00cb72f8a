package dev.distillery.comparison.web;

import dev.distillery.comparison.MeanStd;
import dev.distillery.comparison.SweepSummary;
import java.util.ArrayList;
import java.util.List;

/** A sweep summary as CSV: one line per grid cell. */
final class SweepCsv {

    private SweepCsv() {}

    static String write(SweepSummary sweep) {
        List<String> paths = List.copyOf(sweep.grid().keySet());
        List<Object> header = new ArrayList<>(paths);
        header.addAll(List.of(
                "group", "runs", "n", "meanBestTestTop1", "stdBestTestTop1", "meanLastTestTop1", "stdLastTestTop1"));
        StringBuilder csv = new StringBuilder(Csv.line(header));
        for (SweepSummary.Cell cell : sweep.cells()) {
            List<Object> line = new ArrayList<>();
            paths.forEach(path -> line.add(cell.values().get(path)));
            line.addAll(List.of(
                    cell.group(), cell.runs().size(), cell.bestTestTop1().n()));
            add(line, cell.bestTestTop1());
            add(line, cell.lastTestTop1());
            csv.append(Csv.line(line));
        }
        return csv.toString();
    }

    private static void add(List<Object> line, MeanStd stats) {
        line.add(stats.mean());
        line.add(stats.std());
    }
}
