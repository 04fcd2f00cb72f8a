package dev.distillery.training.architectures;

import static dev.distillery.training.architectures.Layers.conv;
import static dev.distillery.training.architectures.Layers.identity;
import static dev.distillery.training.architectures.Layers.relu;
import static dev.distillery.training.architectures.Layers.sum;
import static dev.distillery.training.architectures.Layers.withBatchNorm;
import static dev.distillery.training.architectures.Layers.withBatchNormRelu;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CIFAR ResNets ({@code mdistiller/models/cifar/resnet.py}, BasicBlock): a 3x3 stem, three stages of
 * {@code (depth - 2) / 6} BasicBlocks (the 2nd and 3rd stage start with stride 2; a 1x1 conv + BN shortcut
 * wherever the shape changes), global average pooling and a linear classifier.
 */
abstract class CifarResNet extends CifarArchitecture {

    /** Stem and stage widths of resnet20 … resnet110. */
    static final int[] NARROW = {16, 16, 32, 64};

    /** Stem and stage widths of resnet8x4 and resnet32x4. */
    static final int[] WIDE = {32, 64, 128, 256};

    private final int depth;
    private final int[] widths;

    CifarResNet(String name, int depth, int[] widths) {
        super(name);
        if ((depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("a BasicBlock ResNet has depth 6n+2, got " + depth);
        }
        this.depth = depth;
        this.widths = widths.clone();
    }

    @Override
    public final String description() {
        return "CIFAR ResNet-" + depth + " (BasicBlocks): stem " + widths[0] + ", stages " + widths[1] + "-" + widths[2]
                + "-" + widths[3] + " with " + blocksPerStage() + " blocks each";
    }

    @Override
    final Block features() {
        SequentialBlock features = new SequentialBlock().add(withBatchNormRelu(conv(widths[0], 3, 1)));
        int inputs = widths[0];
        for (int stage = 1; stage < widths.length; stage++) {
            int stride = stage == 1 ? 1 : 2;
            for (int block = 0; block < blocksPerStage(); block++) {
                features.add(basicBlock(inputs, widths[stage], block == 0 ? stride : 1));
                inputs = widths[stage];
            }
        }
        return features;
    }

    /** mdistiller's {@code ResNet}: conv1, bn1, layerS.B.{conv1, bn1, conv2, bn2, downsample.0, downsample.1}, fc. */
    @Override
    public final List<String> torchModules() {
        List<String> modules = new ArrayList<>(List.of("conv1", "bn1"));
        int inputs = widths[0];
        for (int stage = 1; stage < widths.length; stage++) {
            for (int block = 0; block < blocksPerStage(); block++) {
                String prefix = "layer" + stage + "." + block + ".";
                Stream.of("conv1", "bn1", "conv2", "bn2").forEach(module -> modules.add(prefix + module));
                if (block == 0 && (stage > 1 || inputs != widths[stage])) {
                    modules.add(prefix + "downsample.0");
                    modules.add(prefix + "downsample.1");
                }
                inputs = widths[stage];
            }
        }
        modules.add("fc");
        return modules;
    }

    private int blocksPerStage() {
        return (depth - 2) / 6;
    }

    /** relu(bn(conv(relu(bn(conv(x))))) + shortcut(x)). */
    private static Block basicBlock(int inputs, int planes, int stride) {
        Block main = withBatchNormRelu(conv(planes, 3, stride)).add(withBatchNorm(conv(planes, 3, 1)));
        Block shortcut = stride != 1 || inputs != planes ? withBatchNorm(conv(planes, 1, stride)) : identity();
        return new SequentialBlock().add(sum(main, shortcut)).add(relu());
    }
}
