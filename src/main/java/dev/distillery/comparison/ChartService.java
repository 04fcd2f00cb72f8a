package dev.distillery.comparison;

import dev.distillery.experiments.spec.MethodSettings;
import dev.distillery.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Comparison charts: one line per run, labelled by the spec fields that differ among the runs. */
@Service
public class ChartService {

    private static final Set<String> NOT_IN_LEGEND = Set.of("name");

    private final ComparisonService comparisons;
    private final MethodSettings settings;

    ChartService(ComparisonService comparisons, MethodSettings settings) {
        this.comparisons = comparisons;
        this.settings = settings;
    }

    public byte[] lines(List<UUID> ids, String metric, ChartSize size, ChartFormat format) {
        Comparison comparison = comparisons.compare(ids, null);
        if (!comparison.series().metrics().containsKey(metric) && !MetricsTable.COLUMNS.containsValue(metric)) {
            throw new InvalidRequestException(
                    "metric",
                    "unknown metric '" + metric + "'; known: "
                            + String.join(", ", comparison.series().metrics().keySet()));
        }
        List<String> labels = legend(comparison, settings::ignoredBy, Charts.legendLineChars(size));
        return Charts.lines(comparison.series(), metric, ids, labels, size, format);
    }

    /**
     * Each run's name, then only the meaningful spec fields that differ among the runs: not a field whose value is
     * null for that run, nor a setting its method does not read ({@code temperature} of a {@code ce} run), nor tags.
     * Labels are made unique and wrapped to lines of at most {@code lineChars} characters.
     */
    static List<String> legend(Comparison comparison, Function<String, Set<String>> ignoredBy, int lineChars) {
        Map<String, List<Object>> diff = comparison.specDiff().entrySet().stream()
                .filter(e -> !NOT_IN_LEGEND.contains(e.getKey()) && !e.getKey().startsWith("tags."))
                .collect(Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
        List<String> labels = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < comparison.runs().size(); i++) {
            int run = i;
            Comparison.Identity identity = comparison.runs().get(i).identity();
            Set<String> ignored = identity.method() == null ? Set.of() : ignoredBy.apply(identity.method());
            String fields = diff.entrySet().stream()
                    .filter(e -> e.getValue().get(run) != null && !ignored.contains(e.getKey()))
                    .map(e -> e.getKey() + "=" + e.getValue().get(run))
                    .collect(Collectors.joining(", "));
            String label = fields.isEmpty() ? identity.name() : identity.name() + ": " + fields;
            if (!used.add(label)) {
                label = label + " (" + comparison.runs().get(i).id().toString().substring(0, 8) + ")";
                used.add(label);
            }
            labels.add(wrap(label, lineChars));
        }
        return labels;
    }

    /**
     * Breaks a label into lines of at most {@code width} characters at its ", " and ": " separators (a single field
     * longer than that stays whole).
     */
    static String wrap(String label, int width) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String piece : label.split("(?<=[,:]) ")) {
            if (line.length() > 0 && line.length() + 1 + piece.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(piece);
        }
        return out.append(line).toString();
    }
}
