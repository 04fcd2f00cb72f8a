package dev.distillery.comparison;

import dev.distillery.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Comparison charts: one line per run, labelled by the spec fields that differ among the runs. */
@Service
public class ChartService {

    private static final Set<String> NOT_IN_LEGEND = Set.of("name");

    private final ComparisonService comparisons;

    ChartService(ComparisonService comparisons) {
        this.comparisons = comparisons;
    }

    public byte[] lines(List<UUID> ids, String metric, ChartSize size, ChartFormat format) {
        Comparison comparison = comparisons.compare(ids, null);
        if (!comparison.series().metrics().containsKey(metric) && !MetricsTable.COLUMNS.containsValue(metric)) {
            throw new InvalidRequestException(
                    "metric",
                    "unknown metric '" + metric + "'; known: "
                            + String.join(", ", comparison.series().metrics().keySet()));
        }
        return Charts.lines(comparison.series(), metric, ids, legend(comparison), size, format);
    }

    /** "field=value, …" of the differing spec fields (the name when nothing else differs), made unique. */
    static List<String> legend(Comparison comparison) {
        Map<String, List<Object>> diff = comparison.specDiff().entrySet().stream()
                .filter(e -> !NOT_IN_LEGEND.contains(e.getKey()) && !e.getKey().startsWith("tags."))
                .collect(Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
        List<String> labels = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < comparison.runs().size(); i++) {
            int run = i;
            String label = diff.isEmpty()
                    ? comparison.runs().get(i).identity().name()
                    : diff.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue().get(run))
                            .collect(Collectors.joining(", "));
            labels.add(
                    used.add(label)
                            ? label
                            : label + " ("
                                    + comparison.runs().get(i).id().toString().substring(0, 8) + ")");
            used.add(labels.get(i));
        }
        return labels;
    }
}
