package dev.distillery.training.architectures;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import dev.distillery.training.Architecture;
import dev.distillery.training.InputShape;
import java.util.List;
import java.util.Optional;

/**
 * {@code lenet5}: conv 6@5x5 (pad 2), ReLU, max-pool 2 → conv 16@5x5, ReLU, max-pool 2 → fc 120 → fc 84 →
 * classes (ReLU between the fully connected layers). Any channel count; inputs at least 16x16.
 */
public final class LeNet5 implements Architecture {

    static final int MIN_SIDE = 16;

    @Override
    public String name() {
        return "lenet5";
    }

    @Override
    public String description() {
        return "LeNet-5 style CNN: two 5x5 conv + max-pool stages (6, 16 filters), fc 120-84";
    }

    @Override
    public Optional<String> problem(InputShape shape, int classes) {
        if (shape.height() < MIN_SIDE || shape.width() < MIN_SIDE) {
            return Optional.of("lenet5 needs inputs of at least " + MIN_SIDE + "x" + MIN_SIDE + ", got " + shape);
        }
        return Optional.empty();
    }

    /** {@code conv1}, {@code conv2}, {@code fc1}, {@code fc2}, {@code fc3}, as in the interop tests' PyTorch script. */
    @Override
    public List<String> torchModules() {
        return List.of("conv1", "conv2", "fc1", "fc2", "fc3");
    }

    @Override
    public Block build(InputShape shape, int classes) {
        return new SequentialBlock()
                .add(conv(6, 2))
                .add(Activation.reluBlock())
                .add(pool())
                .add(conv(16, 0))
                .add(Activation.reluBlock())
                .add(pool())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(120).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(84).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    private static Block conv(int filters, int padding) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(5, 5))
                .optPadding(new Shape(padding, padding))
                .build();
    }

    private static Block pool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
