package dev.distillery.experiments.web;

import dev.distillery.experiments.Experiment;
import dev.distillery.experiments.ExperimentSpec;
import dev.distillery.experiments.ExperimentStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * An experiment as the API shows it.
 *
 * @param progress finished epochs over planned epochs, 0 to 1
 * @param best the epoch with the highest test top-1 so far
 * @param last the latest finished epoch
 */
public record ExperimentView(UUID id, String name, ExperimentStatus status, ExperimentSpec spec,
        Instant createdAt, Instant startedAt, Instant finishedAt, double progress, int currentEpoch,
        EpochSummary best, EpochSummary last, int attempts, String error) {

    /** One epoch's test accuracies. */
    public record EpochSummary(int epoch, double testTop1, double testTop5) {
    }

    static ExperimentView of(Experiment e, ExperimentSpec spec) {
        EpochSummary best = e.bestEpoch() == null ? null
                : new EpochSummary(e.bestEpoch(), e.bestTestTop1(), e.bestTestTop5());
        EpochSummary last = e.lastTestTop1() == null ? null
                : new EpochSummary(e.currentEpoch(), e.lastTestTop1(), e.lastTestTop5());
        return new ExperimentView(e.id(), e.name(), e.status(), spec, e.createdAt(), e.startedAt(),
                e.finishedAt(), e.progress(), e.currentEpoch(), best, last, e.attempts(), e.error());
    }
}
