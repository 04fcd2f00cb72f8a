package dev.distillery.comparison.web;

import dev.distillery.shared.CsvCells;
import java.util.List;
import java.util.stream.Collectors;

/** CSV cells and lines: absent values are empty; cells as {@link CsvCells} writes them (quoted, formulas
 * neutralised). */
final class Csv {

    private Csv() {}

    static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\n";
    }

    private static String cell(Object value) {
        return CsvCells.cell(value);
    }
}
