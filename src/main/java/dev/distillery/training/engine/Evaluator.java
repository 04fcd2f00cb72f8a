package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.distillery.training.LogitDiagnostics;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Scores a network on a split in batches of {@value #BATCH_SIZE}, in inference mode with gradients off, and in the
 * same pass measures the {@link LogitDiagnostics} against the teacher (whose test logits are memoized by the caller,
 * so the frozen teacher runs on the test set once per run).
 */
final class Evaluator {

    static final int BATCH_SIZE = 256;

    private Evaluator() {
    }

    /** What one evaluation pass measured. */
    record Evaluation(Scores scores, LogitDiagnostics diagnostics) {
    }

    /** Test loss (cross-entropy) and accuracies, or empty when cancellation was requested. */
    static Optional<Scores> evaluate(Network network, BatchAssembler batches, int k, BooleanSupplier cancel) {
        return evaluate(network, null, batches, k, 1.0, cancel).map(Evaluation::scores);
    }

    /**
     * Scores and diagnostics, or empty when cancellation was requested.
     *
     * @param teacher the teacher's logits on this split; null for diagnostics without teacher fields
     * @param temperature τ of the diagnostics' KL divergences
     */
    static Optional<Evaluation> evaluate(Network network, TeacherLogits teacher, BatchAssembler batches, int k,
                                         double temperature, BooleanSupplier cancel) {
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
                    diagnostics.add(logits, values, teacherLogits,
                            teacherLogits == null ? null : teacherLogits.toFloatArray());
                }
            }
        }
        return Optional.of(new Evaluation(scores, diagnostics.result()));
    }
}
