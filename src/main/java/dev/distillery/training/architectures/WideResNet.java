package dev.distillery.training.architectures;

import static dev.distillery.training.architectures.Layers.batchNorm;
import static dev.distillery.training.architectures.Layers.conv;
import static dev.distillery.training.architectures.Layers.identity;
import static dev.distillery.training.architectures.Layers.relu;
import static dev.distillery.training.architectures.Layers.sum;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pre-activation wide ResNets ({@code mdistiller/models/cifar/wrn.py}, no dropout): a 3x3 conv to 16 channels,
 * three stages of {@code (depth - 4) / 6} blocks with widths 16k-32k-64k (the 2nd and 3rd start with stride 2),
 * then BN → ReLU, global average pooling and a linear classifier. A block is
 * {@code conv(relu(bn(conv(relu(bn(x)))))) + x} when its width stays the same; otherwise the pre-activation
 * {@code a = relu(bn(x))} feeds both the main path and a 1x1 conv shortcut:
 * {@code conv(relu(bn(conv(a)))) + conv1x1(a)}.
 */
abstract class WideResNet extends CifarArchitecture {

    private static final int STEM = 16;

    private final int depth;
    private final int widen;

    WideResNet(String name, int depth, int widen) {
        super(name);
        if ((depth - 4) % 6 != 0) {
            throw new IllegalArgumentException("a wide ResNet has depth 6n+4, got " + depth);
        }
        this.depth = depth;
        this.widen = widen;
    }

    @Override
    public final String description() {
        return "Pre-activation wide ResNet WRN-" + depth + "-" + widen + ": stem 16, stages " + width(1) + "-"
                + width(2) + "-" + width(3) + " with " + blocksPerStage() + " blocks each";
    }

    @Override
    final Block features() {
        SequentialBlock features = new SequentialBlock().add(conv(STEM, 3, 1));
        int inputs = STEM;
        for (int stage = 1; stage <= 3; stage++) {
            int stride = stage == 1 ? 1 : 2;
            for (int block = 0; block < blocksPerStage(); block++) {
                features.add(block(inputs, width(stage), block == 0 ? stride : 1));
                inputs = width(stage);
            }
        }
        return features.add(batchNorm()).add(relu());
    }

    /** mdistiller's {@code WideResNet}: conv1, blockS.layer.B.{bn1, conv1, bn2, conv2, convShortcut}, bn1, fc. */
    @Override
    public final List<String> torchModules() {
        List<String> modules = new ArrayList<>(List.of("conv1"));
        int inputs = STEM;
        for (int stage = 1; stage <= 3; stage++) {
            for (int block = 0; block < blocksPerStage(); block++) {
                String prefix = "block" + stage + ".layer." + block + ".";
                Stream.of("bn1", "conv1", "bn2", "conv2").forEach(module -> modules.add(prefix + module));
                if (inputs != width(stage)) {
                    modules.add(prefix + "convShortcut");
                }
                inputs = width(stage);
            }
        }
        modules.add("bn1");
        modules.add("fc");
        return modules;
    }

    private int width(int stage) {
        return (STEM << (stage - 1)) * widen;
    }

    private int blocksPerStage() {
        return (depth - 4) / 6;
    }

    private static Block block(int inputs, int outputs, int stride) {
        SequentialBlock residual = new SequentialBlock()
                .add(conv(outputs, 3, stride))
                .add(batchNorm())
                .add(relu())
                .add(conv(outputs, 3, 1));
        Block preActivation = new SequentialBlock().add(batchNorm()).add(relu());
        if (inputs == outputs) {
            return sum(new SequentialBlock().add(preActivation).add(residual), identity());
        }
        return new SequentialBlock().add(preActivation).add(sum(residual, conv(outputs, 1, stride)));
    }
}
