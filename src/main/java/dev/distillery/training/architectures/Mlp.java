package dev.distillery.training.architectures;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.distillery.training.Architecture;
import dev.distillery.training.InputShape;
import java.util.List;

/** {@code mlp}: flatten → 256 → 128 → classes, ReLU between layers. Takes any input shape. */
public final class Mlp implements Architecture {

    private static final int[] HIDDEN_UNITS = {256, 128};

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "Multi-layer perceptron: flatten, 256 and 128 ReLU units, linear classifier";
    }

    /** {@code fc1}, {@code fc2}, {@code fc3}: {@code Mlp} in the interop tests' PyTorch script. */
    @Override
    public List<String> torchModules() {
        return List.of("fc1", "fc2", "fc3");
    }

    @Override
    public Block build(InputShape shape, int classes) {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int units : HIDDEN_UNITS) {
            block.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
        }
        return block.add(Linear.builder().setUnits(classes).build());
    }
}
