package dev.distillery.training.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ShuffleNet's channel shuffle: (N, C, H, W) → (N, g, C/g, H, W) → swap the two channel axes → (N, C, H, W),
 * so that channel {@code i * C/g + j} moves to position {@code j * g + i}.
 */
final class ChannelShuffle extends AbstractBlock {

    private final int groups;

    ChannelShuffle(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be positive: " + groups);
        }
        this.groups = groups;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (groups == 1) {
            return new NDList(x);
        }
        Shape shape = x.getShape();
        long channels = shape.get(1);
        if (channels % groups != 0) {
            throw new IllegalArgumentException(channels + " channels cannot be shuffled in " + groups + " groups");
        }
        NDArray shuffled = x.reshape(shape.get(0), groups, channels / groups, shape.get(2), shape.get(3))
                .transpose(0, 2, 1, 3, 4)
                .reshape(shape);
        return new NDList(shuffled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "ChannelShuffle(groups=" + groups + ")";
    }
}
