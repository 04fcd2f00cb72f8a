package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/** Scores a network on a split in batches of {@value #BATCH_SIZE}, in inference mode with gradients off. */
final class Evaluator {

    static final int BATCH_SIZE = 256;

    private Evaluator() {
    }

    /** Test loss (cross-entropy) and accuracies, or empty when cancellation was requested. */
    static Optional<Scores> evaluate(Network network, BatchAssembler batches, int k, BooleanSupplier cancel) {
        int size = batches.split().size();
        int[] order = IntStream.range(0, size).toArray();
        Scores scores = new Scores(k);
        try (Autograd.GradMode off = Autograd.gradMode(false)) {
            for (int from = 0; from < size; from += BATCH_SIZE) {
                if (cancel.getAsBoolean()) {
                    return Optional.empty();
                }
                int to = Math.min(size, from + BATCH_SIZE);
                try (NDManager scope = network.manager().newSubManager()) {
                    NDArray images = batches.images(scope, order, from, to);
                    scores.addWithCrossEntropy(network.infer(images).toFloatArray(), batches.labels(order, from, to));
                }
            }
        }
        return Optional.of(scores);
    }
}
