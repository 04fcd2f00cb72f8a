package dev.distillery.experiments;

import java.time.Instant;
import java.util.UUID;

/**
 * What other modules read of an experiment: a read-only copy of its state and resolved spec, so that they never hold
 * (or change) the {@link Experiment} entity itself.
 *
 * @param progress 0 to 1 over the whole run
 */
public record ExperimentSummary(
        UUID id,
        String name,
        ExperimentStatus status,
        ExperimentSpec spec,
        String owner,
        UUID groupId,
        EpochScore best,
        EpochScore last,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        double progress) {

    static ExperimentSummary of(Experiment experiment, ExperimentSpec spec) {
        return new ExperimentSummary(
                experiment.id(),
                experiment.name(),
                experiment.status(),
                spec,
                experiment.owner(),
                experiment.groupId(),
                experiment.best(),
                experiment.last(),
                experiment.createdAt(),
                experiment.startedAt(),
                experiment.finishedAt(),
                experiment.progress());
    }
}
