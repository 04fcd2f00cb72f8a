package dev.distillery.training.architectures;

import static dev.distillery.training.architectures.Layers.concat;
import static dev.distillery.training.architectures.Layers.conv;
import static dev.distillery.training.architectures.Layers.depthwise;
import static dev.distillery.training.architectures.Layers.identity;
import static dev.distillery.training.architectures.Layers.relu;
import static dev.distillery.training.architectures.Layers.sum;
import static dev.distillery.training.architectures.Layers.withBatchNorm;
import static dev.distillery.training.architectures.Layers.withBatchNormRelu;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code shufflenetv1}: mdistiller's {@code ShuffleV1} ({@code mdistiller/models/cifar/ShuffleNetv1.py}, 3 groups):
 * a 1x1 conv to 24 channels, stages of 4-8-4 bottlenecks reaching 240-480-960 channels, global average pooling
 * and a linear classifier. A bottleneck is grouped 1x1 conv → channel shuffle → depthwise 3x3 → grouped 1x1 conv
 * (BN after each, ReLU after the first two); the first block of a stage has stride 2 and concatenates a 3x3
 * average-pooled shortcut, the others add the identity; ReLU after the join. Layers keep PyTorch's default
 * initialization, as the reference does.
 */
public final class ShuffleNetV1 extends CifarArchitecture {

    private static final int GROUPS = 3;
    private static final int STEM = 24;
    private static final int[] WIDTHS = {240, 480, 960};
    private static final int[] BLOCKS = {4, 8, 4};

    public ShuffleNetV1() {
        super("shufflenetv1");
    }

    @Override
    public String description() {
        return "ShuffleNetV1 (3 groups): 1x1 stem 24, stages 240-480-960 with 4-8-4 bottlenecks";
    }

    @Override
    Block features() {
        SequentialBlock features = new SequentialBlock().add(withBatchNormRelu(conv(STEM, 1, 1)));
        int inputs = STEM;
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            for (int block = 0; block < BLOCKS[stage]; block++) {
                features.add(bottleneck(inputs, WIDTHS[stage], block == 0));
                inputs = WIDTHS[stage];
            }
        }
        return features;
    }

    /** mdistiller's {@code ShuffleNet}: conv1, bn1, layerS.B.{conv1, bn1, conv2, bn2, conv3, bn3}, linear. */
    @Override
    public List<String> torchModules() {
        List<String> modules = new ArrayList<>(List.of("conv1", "bn1"));
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            for (int block = 0; block < BLOCKS[stage]; block++) {
                for (String module : List.of("conv1", "bn1", "conv2", "bn2", "conv3", "bn3")) {
                    modules.add("layer" + (stage + 1) + "." + block + "." + module);
                }
            }
        }
        modules.add("linear");
        return modules;
    }

    @Override
    Initializer convolutionInitializer() {
        return TORCH_DEFAULT;
    }

    /** A downsampling block computes only {@code outputs - inputs} channels; the shortcut supplies the rest. */
    private static Block bottleneck(int inputs, int outputs, boolean downsample) {
        int computed = downsample ? outputs - inputs : outputs;
        int middle = computed / 4;
        int firstGroups = inputs == STEM ? 1 : GROUPS;
        int stride = downsample ? 2 : 1;
        Block main = new SequentialBlock()
                .add(withBatchNormRelu(conv(middle, 1, 1, firstGroups)))
                .add(new ChannelShuffle(firstGroups))
                .add(withBatchNormRelu(depthwise(middle, stride)))
                .add(withBatchNorm(conv(computed, 1, 1, GROUPS)));
        Block joined = downsample ? concat(main, averagePool()) : sum(main, identity());
        return new SequentialBlock().add(joined).add(relu());
    }

    /** {@code nn.AvgPool2d(3, stride=2, padding=1)}: zero padding counts towards the average. */
    private static Block averagePool() {
        return Pool.avgPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false, true);
    }
}
