package dev.distillery.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.List;
import java.util.Optional;

/**
 * A named network architecture that builds a fresh, uninitialized DJL block for a dataset's input shape and
 * class count. One class per architecture; register it in {@link ArchitectureCatalog}.
 */
public interface Architecture {

    /** Registry key, e.g. {@code lenet5}. */
    String name();

    /** One line for the catalog. */
    String description();

    /** Why this architecture cannot take inputs of this shape, or empty when it can. */
    default Optional<String> problem(InputShape shape, int classes) {
        return Optional.empty();
    }

    /** A new block mapping (batch, C, H, W) float32 inputs to (batch, classes) logits. */
    Block build(InputShape shape, int classes);

    /**
     * The PyTorch module names of the layers that hold parameters (mdistiller's for the CIFAR zoo, Distillery's own
     * for {@code mlp} and {@code lenet5}), one per convolution, BatchNorm or linear layer, in the order of the built
     * block's parameters: how state dicts are named on import and export. Empty when the architecture has none.
     */
    default List<String> torchModules() {
        return List.of();
    }

    /**
     * The number of trainable parameters for this input shape and class count, found by building and
     * initializing a throwaway copy on the CPU. Every parameter starts as a constant, so counting draws nothing
     * from the engine's random generator (seeded initialization elsewhere stays reproducible).
     */
    default long parameterCount(InputShape shape, int classes) {
        Block block = build(shape, classes);
        block.setInitializer(new ConstantInitializer(0), parameter -> true);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, shape.channels(), shape.height(), shape.width()));
            return trainableParameters(block);
        }
    }

    /**
     * The number of trainable values of an initialized block: weights, biases and BatchNorm's gamma and beta,
     * but not BatchNorm's running mean and variance (DJL registers those as parameters too).
     */
    static long trainableParameters(Block initialized) {
        return initialized.getParameters().values().stream()
                .filter(parameter -> parameter.getType() != Parameter.Type.RUNNING_MEAN
                        && parameter.getType() != Parameter.Type.RUNNING_VAR)
                .mapToLong(parameter -> parameter.getArray().size())
                .sum();
    }
}
