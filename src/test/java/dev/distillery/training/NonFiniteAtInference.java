package dev.distillery.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Flatten → linear, trained normally (finite loss), whose inference-mode forward passes go bad from the
 * {@code firstBad}-th one of each built network on: the first row of the batch becomes all NaN and logit 3 of the
 * second row +∞, i.e. {@link #BAD_LOGITS_PER_BATCH} non-finite logits per batch, as when BatchNorm running statistics
 * overflow while the training loss still looks fine. The rest stay finite, and the NaN row's label would rank first.
 */
public final class NonFiniteAtInference implements Architecture {

    public static final String NAME = "non-finite-at-inference";
    public static final int BAD_LOGITS_PER_BATCH = 11;

    private final int firstBad;

    /** @param firstBad the first inference pass (from 1) that goes bad */
    public NonFiniteAtInference(int firstBad) {
        this.firstBad = firstBad;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a linear classifier whose inference output turns NaN and infinite (tests)";
    }

    @Override
    public Block build(InputShape shape, int classes) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build())
                .add(new GoesBad(firstBad));
    }

    /** Passes logits through, except in inference passes from the {@code firstBad}-th on. */
    private static final class GoesBad extends AbstractBlock {

        private final int firstBad;
        private int inferences;

        GoesBad(int firstBad) {
            this.firstBad = firstBad;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray logits = inputs.singletonOrThrow();
            if (training || ++inferences < firstBad) {
                return new NDList(logits);
            }
            int classes = Math.toIntExact(logits.getShape().get(1));
            float[] values = logits.toFloatArray();
            Arrays.fill(values, 0, classes, Float.NaN);
            values[classes + 3] = Float.POSITIVE_INFINITY;
            return new NDList(logits.getManager().create(values, logits.getShape()));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
