package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.distillery.training.LogitDiagnostics;
import dev.distillery.training.TrainingException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Scores a network on a split in batches of {@value #BATCH_SIZE}, in inference mode with gradients off, and in the
 * same pass measures the {@link LogitDiagnostics} against the teacher (whose test logits are memoized by the caller,
 * so the frozen teacher runs on the test set once per run).
 *
 * <p>A pass whose logits are not all finite fails: its loss would be NaN and its accuracies meaningless (a NaN row
 * once scored as correct), and recording such an epoch would let it become the run's best. The whole split is still
 * scored first, so the message says how much of it was affected.
 */
final class Evaluator {

    static final int BATCH_SIZE = 256;

    private Evaluator() {}

    /** What one evaluation pass measured. */
    record Evaluation(Scores scores, LogitDiagnostics diagnostics) {}

    /**
     * Test loss (cross-entropy) and accuracies of a network outside a run (failures name it and epoch 0), or empty
     * when cancellation was requested.
     */
    static Optional<Scores> evaluate(Network network, BatchAssembler batches, int k, BooleanSupplier cancel) {
        return evaluate(network, null, batches, k, 1.0, cancel).map(Evaluation::scores);
    }

    /** Scores and diagnostics of a network outside a run (failures name it and epoch 0). */
    static Optional<Evaluation> evaluate(
            Network network,
            TeacherLogits teacher,
            BatchAssembler batches,
            int k,
            double temperature,
            BooleanSupplier cancel) {
        return evaluate(network.name(), 0, network, teacher, batches, k, temperature, cancel);
    }

    /**
     * Scores and diagnostics, or empty when cancellation was requested.
     *
     * @param label names the phase in failure messages, e.g. {@code student mlp (kd)}
     * @param epoch the epoch just trained, for failure messages
     * @param teacher the teacher's logits on this split; null for diagnostics without teacher fields
     * @param temperature τ of the diagnostics' KL divergences
     * @throws TrainingException when a logit is NaN or infinite
     */
    static Optional<Evaluation> evaluate(
            String label,
            int epoch,
            Network network,
            TeacherLogits teacher,
            BatchAssembler batches,
            int k,
            double temperature,
            BooleanSupplier cancel) {
        int size = batches.split().size();
        int[] order = IntStream.range(0, size).toArray();
        Scores scores = new Scores(k);
        DiagnosticsAccumulator diagnostics = new DiagnosticsAccumulator(temperature);
        try (Autograd.GradMode off = Autograd.gradMode(false)) {
            for (int from = 0; from < size; from += BATCH_SIZE) {
                if (cancel.getAsBoolean()) {
                    return Optional.empty();
                }
                int to = Math.min(size, from + BATCH_SIZE);
                try (NDManager scope = network.manager().newSubManager()) {
                    NDArray images = batches.images(scope, order, from, to);
                    NDArray logits = network.infer(images);
                    float[] values = logits.toFloatArray();
                    scores.addWithCrossEntropy(values, batches.labels(order, from, to));
                    NDArray teacherLogits = teacher == null ? null : teacher.logits(scope, images, order, from, to);
                    diagnostics.add(
                            logits, values, teacherLogits, teacherLogits == null ? null : teacherLogits.toFloatArray());
                }
            }
        }
        requireFinite(label, epoch, scores);
        return Optional.of(new Evaluation(scores, diagnostics.result()));
    }

    private static void requireFinite(String label, int epoch, Scores scores) {
        if (scores.nonFiniteLogits() > 0) {
            throw new TrainingException(String.format(
                    Locale.ROOT,
                    "%s evaluation after epoch %d: %,d of %,d test logits are not finite (NaN or infinite); "
                            + "the run is invalid",
                    label,
                    epoch,
                    scores.nonFiniteLogits(),
                    scores.logits()));
        }
    }
}
