package dev.distillery.training;

import java.io.IOException;
import java.io.OutputStream;

/** Receives each epoch's metrics as soon as the epoch is evaluated. */
@FunctionalInterface
public interface EpochListener {

    void onEpoch(EpochMetrics metrics);

    /**
     * A student epoch, with a way to write the student's parameters as they are after it (for
     * checkpoints); the writer is only valid during this call. By default only the metrics count.
     */
    default void onStudentEpoch(EpochMetrics metrics, ParameterWriter parameters) {
        onEpoch(metrics);
    }

    /**
     * A student epoch with, besides the student's parameters, a writer of the whole training state
     * needed to resume after it ({@link TrainingPlan#resumeState()}): student parameters, optimizer
     * state, the number of completed epochs and a teacher trained in this run. Both writers are only
     * valid during this call. By default the state is not kept.
     */
    default void onStudentEpoch(EpochMetrics metrics, ParameterWriter parameters, ParameterWriter trainingState) {
        onStudentEpoch(metrics, parameters);
    }

    /**
     * The frozen teacher's own accuracy on the run's test split, measured once before the student's first epoch (a
     * resumed run does not measure it again). By default ignored.
     *
     * @param top1 fraction of test samples whose largest teacher logit is the label
     * @param top5 fraction whose label is among the teacher's five largest logits (all of them below five classes)
     */
    default void onTeacherScore(double top1, double top5) {}

    /**
     * A training batch finished: {@code step} of {@code steps} of {@code epoch} in {@code phase}
     * ({@code teacher} or {@code student}). Called for every batch; throttle before doing anything costly.
     */
    default void onBatch(String phase, int epoch, int step, int steps) {}

    /** Writes a network's parameters in DJL's format. */
    @FunctionalInterface
    interface ParameterWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
