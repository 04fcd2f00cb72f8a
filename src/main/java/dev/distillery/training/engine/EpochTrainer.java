package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.LossTerms;
import dev.distillery.methods.MethodRun;
import dev.distillery.methods.StepLogits;
import dev.distillery.methods.Views;
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
    private final MethodRun run;
    private final boolean strongViews;
    private final int batchSize;
    private final int k;
    private final MultiStepSchedule schedule;
    private final TrainingOptimizer optimizer;
    /** Whether the next batches are assembled on a thread of their own while a step computes. */
    private boolean prefetch;
    /** The last finite loss of this trainer (NaN before the first step), for divergence messages. */
    private double lastFiniteLoss = Double.NaN;

    /** A trainer of {@code student} under {@code method}, started here, with a fresh optimizer of {@code plan}'s kind. */
    EpochTrainer(
            String phase,
            Network student,
            TeacherLogits teacher,
            DistillationMethod method,
            LossSettings settings,
            TrainingPlan plan,
            int k) {
        this(RunSetup.training(new Phase(phase, phase, plan, null, method, settings), student, null), teacher, k);
    }

    /**
     * @param training the phase: its network, schedule, optimizer (possibly with state restored) and method run
     * @param teacher  the frozen teacher's logits on the training split; null for methods without a teacher
     */
    EpochTrainer(PhaseTraining training, TeacherLogits teacher, int k) {
        this.phase = training.phase().label();
        this.student = training.network();
        this.teacher = teacher;
        this.run = training.run();
        this.strongViews = training.phase().objective().views() == Views.WEAK_AND_STRONG;
        this.batchSize = training.phase().plan().batchSize();
        this.k = k;
        this.schedule = training.schedule();
        this.optimizer = training.optimizer();
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
            NDArray strongImages = strongViews ? batches.images(scope, batch.strongPixels()) : null;
            NDArray teacherStrong = strongViews ? teacher.logits(scope, strongImages, order, from, to) : null;
            NDArray logits;
            double loss;
            Map<String, Double> parts = new LinkedHashMap<>();
            try (Autograd.GradMode on = Autograd.gradMode(true)) {
                logits = student.forward(images);
                NDArray strong = strongViews ? student.forward(strongImages) : null;
                NDArray labelArray = BatchAssembler.labelArray(scope, labels);
                LossTerms terms =
                        run.loss(new StepLogits(epoch, labelArray, logits, teacherLogits, strong, teacherStrong));
                NDArray total = terms.total();
                loss = scalar(total);
                if (!Double.isFinite(loss)) {
                    throw diverged(epoch, step, steps, loss);
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

    /** The method's own diagnostics after the steps so far (e.g. ctkd's learned temperature). */
    Map<String, Double> methodDiagnostics() {
        return run.diagnostics();
    }

    private TrainingException diverged(int epoch, int step, int steps, double loss) {
        return new TrainingException(String.format(
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
