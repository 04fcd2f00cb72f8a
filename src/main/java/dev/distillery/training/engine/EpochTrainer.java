package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.LossTerms;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.TrainingException;
import dev.distillery.training.TrainingPlan;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs training epochs of one network under one method: per step a sub-NDManager owns every array the batch
 * creates, the (frozen) teacher's logits come from {@link TeacherLogits} (run without gradients, or memoized), the
 * student's loss is back-propagated and the {@link TrainingOptimizer} applied. The loss and its named parts are read
 * back per step and averaged over the epoch's samples. A loss that is not finite fails the run in its own step.
 */
final class EpochTrainer {

    private final String phase;
    private final Network student;
    private final TeacherLogits teacher;
    private final DistillationMethod method;
    private final LossSettings settings;
    private final int batchSize;
    private final int k;
    private final MultiStepSchedule schedule;
    private final TrainingOptimizer optimizer;
    /** Whether the next batches are assembled on a thread of their own while a step computes. */
    private boolean prefetch;
    /** The last finite loss of this trainer (NaN before the first step), for divergence messages. */
    private double lastFiniteLoss = Double.NaN;

    /** A trainer with a fresh optimizer of {@code plan}'s kind. */
    EpochTrainer(
            String phase,
            Network student,
            TeacherLogits teacher,
            DistillationMethod method,
            LossSettings settings,
            TrainingPlan plan,
            int k) {
        this(phase, student, teacher, method, settings, plan, k, schedule(plan));
    }

    private EpochTrainer(
            String phase,
            Network student,
            TeacherLogits teacher,
            DistillationMethod method,
            LossSettings settings,
            TrainingPlan plan,
            int k,
            MultiStepSchedule schedule) {
        this(
                phase,
                student,
                teacher,
                method,
                settings,
                plan,
                k,
                schedule,
                Optimizers.create(plan.optimizer(), schedule, plan.momentum(), plan.weightDecay(), student));
    }

    /**
     * @param teacher   the frozen teacher's logits on the training split; null for methods without a teacher
     * @param schedule  the learning rate per epoch, which {@code optimizer} follows
     * @param optimizer updates {@code student}'s parameters (possibly with state restored from a training state)
     */
    EpochTrainer(
            String phase,
            Network student,
            TeacherLogits teacher,
            DistillationMethod method,
            LossSettings settings,
            TrainingPlan plan,
            int k,
            MultiStepSchedule schedule,
            TrainingOptimizer optimizer) {
        this.phase = phase;
        this.student = student;
        this.teacher = teacher;
        this.method = method;
        this.settings = settings;
        this.batchSize = plan.batchSize();
        this.k = k;
        this.schedule = schedule;
        this.optimizer = optimizer;
    }

    /** The plan's learning-rate schedule (an optimizer following it is built with {@link Optimizers#create}). */
    static MultiStepSchedule schedule(TrainingPlan plan) {
        return new MultiStepSchedule(plan.learningRate(), plan.lrDecayEpochs(), plan.lrDecayRate());
    }

    /** {@code teacher} or {@code student}, the first word of this trainer's label. */
    private String phaseName() {
        return phase.startsWith(EpochMetrics.TEACHER) ? EpochMetrics.TEACHER : EpochMetrics.STUDENT;
    }

    double learningRate(int epoch) {
        return schedule.learningRate(epoch);
    }

    TrainingOptimizer optimizer() {
        return optimizer;
    }

    /** Prefetching on or off (the default); the batches are the same either way. */
    EpochTrainer prefetch(boolean on) {
        prefetch = on;
        return this;
    }

    /** Trains one epoch over {@code order}; empty when cancellation was requested between batches. */
    Optional<Scores> train(int epoch, int[] order, BatchAssembler batches, BooleanSupplier cancel) {
        return train(epoch, order, batches, RunControl.cancelOnly(cancel));
    }

    /**
     * Trains one epoch over {@code order}; empty when cancellation was requested between batches.
     *
     * @throws TrainingException when a step fails, the loss diverges or the run's time is up
     */
    Optional<Scores> train(int epoch, int[] order, BatchAssembler batches, RunControl control) {
        schedule.startEpoch(epoch);
        Scores scores = new Scores(k);
        int steps = (order.length + batchSize - 1) / batchSize;
        try (BatchPrefetcher prefetcher = new BatchPrefetcher(batches, order, batchSize, prefetch)) {
            for (int step = 1; step <= steps; step++) {
                if (control.cancelled()) {
                    return Optional.empty();
                }
                control.checkTime(phase, epoch, step - 1, steps, null);
                int from = (step - 1) * batchSize;
                int to = Math.min(order.length, from + batchSize);
                int current = step;
                Failures.named(
                        () -> String.format("%s failed at epoch %d, step %d of %d", phase, epoch, current, steps),
                        () -> {
                            step(epoch, current, steps, batches, prefetcher.next(), order, from, to, scores);
                            control.batchDone(phaseName(), epoch, current, steps);
                            return null;
                        });
            }
        }
        return Optional.of(scores);
    }

    private void step(
            int epoch,
            int step,
            int steps,
            BatchAssembler batches,
            BatchPrefetcher.Batch batch,
            int[] order,
            int from,
            int to,
            Scores scores) {
        int[] labels = batch.labels();
        try (NDManager scope = student.manager().newSubManager()) {
            NDArray images = batches.images(scope, batch.pixels());
            NDArray teacherLogits = teacher == null ? null : teacher.logits(scope, images, order, from, to);
            NDArray logits;
            double loss;
            Map<String, Double> parts = new LinkedHashMap<>();
            try (Autograd.GradMode on = Autograd.gradMode(true)) {
                logits = student.forward(images);
                LossTerms terms =
                        method.loss(logits, teacherLogits, BatchAssembler.labelArray(scope, labels), epoch, settings);
                NDArray total = terms.total();
                loss = scalar(total);
                if (!Double.isFinite(loss)) {
                    throw new TrainingException(String.format(
                            Locale.ROOT,
                            "%s: loss became %s at epoch %d, step %d of %d (%s, learning rate %s); training diverged",
                            phase,
                            loss,
                            epoch,
                            step,
                            steps,
                            Double.isNaN(lastFiniteLoss)
                                    ? "no finite loss before it"
                                    : "last finite loss " + compact(lastFiniteLoss),
                            compact(schedule.learningRate(epoch))));
                }
                lastFiniteLoss = loss;
                for (Map.Entry<String, NDArray> part : terms.parts().entrySet()) {
                    parts.put(part.getKey(), part.getValue() == total ? loss : scalar(part.getValue()));
                }
                Autograd.backward(total);
            }
            optimizer.step();
            scores.add(logits.toFloatArray(), labels, loss, parts);
        }
    }

    /** Four significant digits without trailing zeros: 2.31, 0.01, 1e+06. */
    static String compact(double value) {
        String formatted = String.format(Locale.ROOT, "%.4g", value);
        int exponent = formatted.indexOf('e');
        String mantissa = exponent < 0 ? formatted : formatted.substring(0, exponent);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + formatted.substring(exponent);
    }

    /** The value of a scalar loss (the mean, should a method hand back a non-scalar part). */
    private static double scalar(NDArray value) {
        if (value.size() == 1) {
            return ((Number) value.toArray()[0]).doubleValue();
        }
        return ((Number) value.mean().toArray()[0]).doubleValue();
    }
}
