package dev.distillery.training.architectures;

import static dev.distillery.training.architectures.Layers.convWithBias;
import static dev.distillery.training.architectures.Layers.withBatchNormRelu;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The CIFAR VGGs with BatchNorm ({@code mdistiller/models/cifar/vgg.py}, {@code vgg*_bn}): five stages of
 * 3x3 conv (with bias) → BN → ReLU; 2x2 max-pooling after the first three stages (the fourth pool only runs on
 * 64x64 inputs in the reference), global average pooling and a linear classifier from 512 features.
 */
abstract class CifarVgg extends CifarArchitecture {

    /** Stages followed by a 2x2 max-pool at 32x32 inputs. */
    private static final int POOLED_STAGES = 3;

    private final int[][] stages;

    CifarVgg(String name, int[][] stages) {
        super(name);
        this.stages = Arrays.stream(stages).map(int[]::clone).toArray(int[][]::new);
    }

    @Override
    public final String description() {
        int convolutions = Arrays.stream(stages).mapToInt(stage -> stage.length).sum();
        return "VGG-" + (convolutions + 3) + " with BatchNorm: conv stages "
                + Arrays.stream(stages).map(Arrays::toString).collect(Collectors.joining(" ")) + ", 512 features";
    }

    @Override
    final Block features() {
        SequentialBlock features = new SequentialBlock();
        for (int stage = 0; stage < stages.length; stage++) {
            for (int filters : stages[stage]) {
                features.add(withBatchNormRelu(convWithBias(filters)));
            }
            if (stage < POOLED_STAGES) {
                features.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
        }
        return features;
    }

    /** mdistiller's {@code VGG} with BatchNorm: blockS.{3i} (conv), blockS.{3i+1} (BatchNorm), classifier. */
    @Override
    public final List<String> torchModules() {
        List<String> modules = new ArrayList<>();
        for (int stage = 0; stage < stages.length; stage++) {
            for (int conv = 0; conv < stages[stage].length; conv++) {
                modules.add("block" + stage + "." + 3 * conv);
                modules.add("block" + stage + "." + (3 * conv + 1));
            }
        }
        modules.add("classifier");
        return modules;
    }

    @Override
    final Initializer classifierInitializer() {
        return SMALL_NORMAL;
    }
}
