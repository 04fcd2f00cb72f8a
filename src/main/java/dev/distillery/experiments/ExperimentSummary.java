package dev.distillery.experiments;

import dev.distillery.experiments.gates.GateResult;
import dev.distillery.experiments.spec.ExperimentSpec;
import java.time.Instant;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;

/**
 * What everyone outside the aggregate reads of an experiment (its HTTP API and other modules): a read-only copy of its
 * state and resolved spec, so that nobody else holds (or changes) the {@link Experiment} entity itself.
 *
 * @param progress finished student epochs, plus the part of the running one, over planned student epochs: 0 to 1
 * @param eta when the run should end at its pace so far; null unless running with an epoch done
 * @param phase {@code teacher} while a teacher is trained first, then {@code student}; null before the first epoch
 * @param device the device of the latest attempt (cpu, gpu0, …); null before the first start
 * @param cancelRequested a cancel of the running experiment is pending; its worker stops between batches
 * @param teacher the frozen teacher's own test accuracy, measured before the student's first epoch; null until then
 *     and for methods without a teacher
 * @param gate the verdict of the spec's gates once the run has ended; null without gates or before the end
 */
@NamedInterface("queries")
public record ExperimentSummary(
        UUID id,
        String name,
        ExperimentStatus status,
        ExperimentSpec spec,
        String owner,
        EpochScore best,
        EpochScore last,
        TeacherScore teacher,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        double progress,
        Instant eta,
        String phase,
        int currentEpoch,
        String device,
        int attempts,
        boolean cancelRequested,
        String error,
        GateResult gate) {

    /** @param spec the experiment's stored spec, as read back */
    static ExperimentSummary of(Experiment experiment, ExperimentSpec spec) {
        RunProgress progress = experiment.progress();
        return new ExperimentSummary(
                experiment.id(),
                experiment.name(),
                experiment.status(),
                spec,
                experiment.owner(),
                experiment.best(),
                experiment.last(),
                experiment.teacherScore(),
                experiment.createdAt(),
                experiment.startedAt(),
                experiment.finishedAt(),
                progress.fraction(experiment.status()),
                progress.eta(experiment.status(), experiment.startedAt(), Instant.now()),
                progress.phase(),
                progress.currentEpoch(),
                experiment.device(),
                experiment.attempts(),
                experiment.cancelRequested(),
                experiment.error(),
                experiment.gate());
    }
}
