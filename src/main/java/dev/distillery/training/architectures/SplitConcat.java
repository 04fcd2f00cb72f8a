package dev.distillery.training.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ShuffleNetV2's channel split: the first half of the channels passes unchanged, the second half goes through
 * {@code branch}, and the two are concatenated: {@code cat([x[:, :C/2], branch(x[:, C/2:])], dim=1)}.
 */
final class SplitConcat extends AbstractBlock {

    private final Block branch;

    SplitConcat(Block branch) {
        this.branch = addChildBlock("branch", branch);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList halves = x.split(new long[] {kept(x.getShape())}, 1);
        NDArray processed = branch.forward(parameterStore, new NDList(halves.get(1)), training, params)
                .singletonOrThrow();
        return new NDList(halves.get(0).concat(processed, 1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        branch.initialize(manager, dataType, branchInput(inputShapes[0]));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        Shape processed = branch.getOutputShapes(new Shape[] {branchInput(input)})[0];
        return new Shape[] {new Shape(input.get(0), kept(input) + processed.get(1), processed.get(2), processed.get(3))
        };
    }

    /** {@code int(C * 0.5)} channels pass unchanged. */
    private static long kept(Shape input) {
        return input.get(1) / 2;
    }

    private static Shape branchInput(Shape input) {
        return new Shape(input.get(0), input.get(1) - kept(input), input.get(2), input.get(3));
    }
}
