package dev.distillery.comparison.web;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** CSV cells and lines: absent values are empty; cells with commas, quotes or line breaks are quoted. */
final class Csv {

    private Csv() {}

    static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\n";
    }

    private static String cell(Object value) {
        String text = value == null ? "" : Objects.toString(value);
        return text.matches("(?s).*[\",\\r\\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
