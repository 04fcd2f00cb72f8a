package dev.distillery.training.architectures;

import static dev.distillery.training.architectures.Layers.conv;
import static dev.distillery.training.architectures.Layers.depthwise;
import static dev.distillery.training.architectures.Layers.identity;
import static dev.distillery.training.architectures.Layers.sum;
import static dev.distillery.training.architectures.Layers.withBatchNorm;
import static dev.distillery.training.architectures.Layers.withBatchNormRelu;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mobilenetv2}: mdistiller's {@code mobile_half} ({@code mdistiller/models/cifar/mobilenetv2.py}, expansion
 * T = 6, width multiplier 0.5): a stride-2 3x3 conv to 16 channels, seven stages of inverted residuals
 * (1x1 expand → depthwise 3x3 → linear 1x1 projection, with an identity shortcut when stride is 1 and the width
 * stays the same; the first stage keeps its expansion conv although its ratio is 1), a 1x1 conv to 1280,
 * global average pooling and a linear classifier.
 */
public final class MobileNetV2 extends CifarArchitecture {

    private static final int EXPANSION = 6;
    private static final int STEM = 16;
    private static final int LAST = 1280;

    /** Per stage: expansion ratio, output channels (already halved), repeats, stride of the first block. */
    private static final int[][] STAGES = {
        {1, 8, 1, 1},
        {EXPANSION, 12, 2, 1},
        {EXPANSION, 16, 3, 2},
        {EXPANSION, 32, 4, 2},
        {EXPANSION, 48, 3, 1},
        {EXPANSION, 80, 3, 2},
        {EXPANSION, 160, 1, 1},
    };

    public MobileNetV2() {
        super("mobilenetv2");
    }

    @Override
    public String description() {
        return "MobileNetV2 x0.5 (expansion 6): stride-2 stem 16, inverted residuals 8-12-16-32-48-80-160, "
                + "1x1 conv to 1280";
    }

    @Override
    Block features() {
        SequentialBlock features = new SequentialBlock().add(withBatchNormRelu(conv(STEM, 3, 2)));
        int inputs = STEM;
        for (int[] stage : STAGES) {
            for (int repeat = 0; repeat < stage[2]; repeat++) {
                features.add(invertedResidual(inputs, stage[1], repeat == 0 ? stage[3] : 1, stage[0]));
                inputs = stage[1];
            }
        }
        return features.add(withBatchNormRelu(conv(LAST, 1, 1)));
    }

    /**
     * mdistiller's {@code MobileNetV2}: conv1.{0,1}, blocks.S.R.conv.{0,1,3,4,6,7} (expand, depthwise, project, each
     * with its BatchNorm), conv2.{0,1}, classifier.0.
     */
    @Override
    public List<String> torchModules() {
        List<String> modules = new ArrayList<>(List.of("conv1.0", "conv1.1"));
        for (int stage = 0; stage < STAGES.length; stage++) {
            for (int repeat = 0; repeat < STAGES[stage][2]; repeat++) {
                String prefix = "blocks." + stage + "." + repeat + ".conv.";
                for (int index : new int[] {0, 1, 3, 4, 6, 7}) {
                    modules.add(prefix + index);
                }
            }
        }
        modules.addAll(List.of("conv2.0", "conv2.1", "classifier.0"));
        return modules;
    }

    @Override
    Initializer classifierInitializer() {
        return SMALL_NORMAL;
    }

    private static Block invertedResidual(int inputs, int outputs, int stride, int expansion) {
        int hidden = inputs * expansion;
        Block main = new SequentialBlock()
                .add(withBatchNormRelu(conv(hidden, 1, 1)))
                .add(withBatchNormRelu(depthwise(hidden, stride)))
                .add(withBatchNorm(conv(outputs, 1, 1)));
        return stride == 1 && inputs == outputs ? sum(main, identity()) : main;
    }
}
