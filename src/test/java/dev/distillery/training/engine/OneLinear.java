package dev.distillery.training.engine;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.distillery.training.Architecture;
import dev.distillery.training.InputShape;

/** The smallest trainable network, for optimizer and gradient tests: flatten, then one linear layer. */
final class OneLinear implements Architecture {

    @Override
    public String name() {
        return "one-linear";
    }

    @Override
    public String description() {
        return "a single linear unit";
    }

    @Override
    public Block build(InputShape shape, int classes) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }
}
