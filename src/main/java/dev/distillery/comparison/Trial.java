package dev.distillery.comparison;

import dev.distillery.experiments.ExperimentSummary;
import java.util.UUID;

/** One repeat: its seed and its best and last test top-1 (null before its first epoch). */
record Trial(UUID id, long seed, Double best, Double last) {

    static Trial of(ExperimentSummary experiment, long seed) {
        return new Trial(
                experiment.id(),
                seed,
                experiment.best() == null ? null : experiment.best().testTop1(),
                experiment.last() == null ? null : experiment.last().testTop1());
    }
}
