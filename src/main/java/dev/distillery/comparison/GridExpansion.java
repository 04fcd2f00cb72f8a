package dev.distillery.comparison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cartesian product of a grid: every combination of its values, the first path varying slowest. */
final class GridExpansion {

    private GridExpansion() {}

    /** How many cells the grid has (exact, however large). */
    static java.math.BigInteger count(Map<String, List<Object>> grid) {
        return grid.values().stream()
                .map(values -> java.math.BigInteger.valueOf(values.size()))
                .reduce(java.math.BigInteger.ONE, java.math.BigInteger::multiply);
    }

    static List<Map<String, Object>> cellsOf(Map<String, List<Object>> grid) {
        List<Map<String, Object>> cells = List.of(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> axis : grid.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> cell : cells) {
                for (Object value : axis.getValue()) {
                    Map<String, Object> extended = new LinkedHashMap<>(cell);
                    extended.put(axis.getKey(), value);
                    next.add(extended);
                }
            }
            cells = next;
        }
        return cells;
    }
}
