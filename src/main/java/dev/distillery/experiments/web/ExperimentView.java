package dev.distillery.experiments.web;

import dev.distillery.experiments.EpochScore;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.TeacherScore;
import dev.distillery.experiments.gates.GateResult;
import dev.distillery.experiments.spec.ExperimentSpec;
import java.time.Instant;
import java.util.UUID;

/**
 * An experiment as the API shows it.
 *
 * @param progress finished student epochs over planned student epochs, 0 to 1
 * @param device the device of the latest attempt (cpu, gpu0, …)
 * @param eta when the run should end at its pace so far (running experiments only)
 * @param phase {@code teacher} while a teacher is trained first, then {@code student}
 * @param best the epoch with the highest test top-1 so far
 * @param last the latest finished epoch
 * @param group the group of repeats it belongs to (submitted with {@code repeats}); absent otherwise
 * @param gate the verdict of the spec's {@code expect} gates once the run has ended (null without gates)
 * @param owner the name of the API key that submitted it (absent when security is off)
 * @param cancelRequested a cancel of the running experiment is pending; its worker stops between batches
 */
public record ExperimentView(
        UUID id,
        String name,
        ExperimentStatus status,
        ExperimentSpec spec,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        double progress,
        Instant eta,
        String phase,
        int currentEpoch,
        String device,
        EpochSummary best,
        EpochSummary last,
        TeacherAccuracy teacher,
        int attempts,
        boolean cancelRequested,
        String error,
        GateResult gate,
        UUID group,
        String owner) {

    /** One epoch's test accuracies. */
    public record EpochSummary(int epoch, double testTop1, double testTop5) {

        static EpochSummary of(EpochScore score) {
            return score == null ? null : new EpochSummary(score.epoch(), score.testTop1(), score.testTop5());
        }
    }

    /** The frozen teacher's own test accuracy, measured once before the student's first epoch. */
    public record TeacherAccuracy(double testTop1, double testTop5) {

        static TeacherAccuracy of(TeacherScore score) {
            return score == null ? null : new TeacherAccuracy(score.testTop1(), score.testTop5());
        }
    }

    /** @param group the group of repeats the experiment belongs to; null when submitted alone */
    static ExperimentView of(ExperimentSummary e, UUID group) {
        return new ExperimentView(
                e.id(),
                e.name(),
                e.status(),
                e.spec(),
                e.createdAt(),
                e.startedAt(),
                e.finishedAt(),
                e.progress(),
                e.eta(),
                e.phase(),
                e.currentEpoch(),
                e.device(),
                EpochSummary.of(e.best()),
                EpochSummary.of(e.last()),
                TeacherAccuracy.of(e.teacher()),
                e.attempts(),
                e.cancelRequested(),
                e.error(),
                e.gate(),
                group,
                e.owner());
    }
}
