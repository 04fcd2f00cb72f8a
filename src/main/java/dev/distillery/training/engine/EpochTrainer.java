package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.LossTerms;
import dev.distillery.training.TrainingException;
import dev.distillery.training.TrainingPlan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs training epochs of one network under one method: per step a sub-NDManager owns every array the batch
 * creates, the (frozen) teacher's logits come from {@link TeacherLogits} (run without gradients, or memoized), the
 * student's loss is back-propagated and the optimizer applied. The loss and its named parts are read back per step
 * and averaged over the epoch's samples.
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
    private final ParameterStore store;

    /** @param teacher the frozen teacher's logits on the training split; null for methods without a teacher */
    EpochTrainer(String phase, Network student, TeacherLogits teacher, DistillationMethod method, LossSettings settings,
                 TrainingPlan plan, int k) {
        this.phase = phase;
        this.student = student;
        this.teacher = teacher;
        this.method = method;
        this.settings = settings;
        this.batchSize = plan.batchSize();
        this.k = k;
        this.schedule = new MultiStepSchedule(plan.learningRate(), plan.lrDecayEpochs(), plan.lrDecayRate());
        this.store = student.trainingStore(
                Optimizers.create(plan.optimizer(), schedule, plan.momentum(), plan.weightDecay()));
    }

    double learningRate(int epoch) {
        return schedule.learningRate(epoch);
    }

    /** Trains one epoch over {@code order}; empty when cancellation was requested between batches. */
    Optional<Scores> train(int epoch, int[] order, BatchAssembler batches, BooleanSupplier cancel) {
        schedule.startEpoch(epoch);
        Scores scores = new Scores(k);
        int steps = (order.length + batchSize - 1) / batchSize;
        for (int step = 1; step <= steps; step++) {
            if (cancel.getAsBoolean()) {
                return Optional.empty();
            }
            int from = (step - 1) * batchSize;
            int to = Math.min(order.length, from + batchSize);
            try {
                step(epoch, step, steps, batches, order, from, to, scores);
            } catch (TrainingException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new TrainingException(String.format("%s failed at epoch %d, step %d of %d: %s",
                        phase, epoch, step, steps, e.getMessage()), e);
            }
        }
        return Optional.of(scores);
    }

    private void step(int epoch, int step, int steps, BatchAssembler batches, int[] order, int from, int to,
                      Scores scores) {
        int[] labels = batches.labels(order, from, to);
        try (NDManager scope = student.manager().newSubManager()) {
            NDArray images = batches.images(scope, order, from, to);
            NDArray teacherLogits = teacher == null ? null : teacher.logits(scope, images, order, from, to);
            NDArray logits;
            double loss;
            Map<String, Double> parts = new LinkedHashMap<>();
            try (Autograd.GradMode on = Autograd.gradMode(true)) {
                logits = student.forward(store, images);
                LossTerms terms = method.loss(logits, teacherLogits, BatchAssembler.labelArray(scope, labels), epoch,
                        settings);
                NDArray total = terms.total();
                loss = scalar(total);
                if (!Double.isFinite(loss)) {
                    throw new TrainingException(String.format(
                            "%s: loss became %s at epoch %d, step %d of %d (learning rate %g); training diverged",
                            phase, loss, epoch, step, steps, schedule.learningRate(epoch)));
                }
                for (Map.Entry<String, NDArray> part : terms.parts().entrySet()) {
                    parts.put(part.getKey(), part.getValue() == total ? loss : scalar(part.getValue()));
                }
                Autograd.backward(total);
            }
            store.updateAllParameters();
            scores.add(logits.toFloatArray(), labels, loss, parts);
        }
    }

    /** The value of a scalar loss (the mean, should a method hand back a non-scalar part). */
    private static double scalar(NDArray value) {
        if (value.size() == 1) {
            return ((Number) value.toArray()[0]).doubleValue();
        }
        return ((Number) value.mean().toArray()[0]).doubleValue();
    }
}
