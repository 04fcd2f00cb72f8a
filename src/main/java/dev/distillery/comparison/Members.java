package dev.distillery.comparison;

import dev.distillery.experiments.ExperimentSummary;
import java.util.Comparator;
import java.util.List;

/** The members of a group or sweep as their lists show them. */
final class Members {

    private Members() {}

    /** Oldest first; experiments submitted at the same instant keep their order (that of their seeds). */
    static List<ExperimentSummary> oldestFirst(List<ExperimentSummary> members) {
        return members.stream()
                .sorted(Comparator.comparing(ExperimentSummary::createdAt))
                .toList();
    }
}
