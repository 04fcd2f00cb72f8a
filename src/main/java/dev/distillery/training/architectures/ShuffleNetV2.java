package dev.distillery.training.architectures;

import static dev.distillery.training.architectures.Layers.concat;
import static dev.distillery.training.architectures.Layers.conv;
import static dev.distillery.training.architectures.Layers.depthwise;
import static dev.distillery.training.architectures.Layers.withBatchNorm;
import static dev.distillery.training.architectures.Layers.withBatchNormRelu;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code shufflenetv2}: mdistiller's {@code ShuffleV2} ({@code mdistiller/models/cifar/ShuffleNetv2.py}, net size
 * 1): a 1x1 conv to 24 channels; three stages (116-232-464 channels) of one stride-2 down block followed by 3-7-3
 * basic blocks; a 1x1 conv to 1024, global average pooling and a linear classifier. The down block concatenates
 * two branches (depthwise 3x3/2 → 1x1; 1x1 → depthwise 3x3/2 → 1x1), the basic block passes half of the channels
 * and runs 1x1 → depthwise 3x3 → 1x1 on the other half; both end with a channel shuffle in 2 groups. Layers keep
 * PyTorch's default initialization, as the reference does.
 */
public final class ShuffleNetV2 extends CifarArchitecture {

    private static final int STEM = 24;
    private static final int[] WIDTHS = {116, 232, 464};
    private static final int[] BLOCKS = {3, 7, 3};
    private static final int LAST = 1024;

    public ShuffleNetV2() {
        super("shufflenetv2");
    }

    @Override
    public String description() {
        return "ShuffleNetV2 x1: 1x1 stem 24, stages 116-232-464 with a down block and 3-7-3 basic blocks, "
                + "1x1 conv to 1024";
    }

    @Override
    Block features() {
        SequentialBlock features = new SequentialBlock().add(withBatchNormRelu(conv(STEM, 1, 1)));
        int inputs = STEM;
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            features.add(downBlock(inputs, WIDTHS[stage]));
            for (int block = 0; block < BLOCKS[stage]; block++) {
                features.add(basicBlock(WIDTHS[stage]));
            }
            inputs = WIDTHS[stage];
        }
        return features.add(withBatchNormRelu(conv(LAST, 1, 1)));
    }

    /**
     * mdistiller's {@code ShuffleNetV2}: conv1, bn1, layerS.0.{conv1..5, bn1..5} (the down block), layerS.B.{conv1,
     * bn1, conv2, bn2, conv3, bn3}, conv2, bn2, linear.
     */
    @Override
    public List<String> torchModules() {
        List<String> modules = new ArrayList<>(List.of("conv1", "bn1"));
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            String layer = "layer" + (stage + 1) + ".";
            for (int conv = 1; conv <= 5; conv++) {
                modules.add(layer + "0.conv" + conv);
                modules.add(layer + "0.bn" + conv);
            }
            for (int block = 1; block <= BLOCKS[stage]; block++) {
                for (String module : List.of("conv1", "bn1", "conv2", "bn2", "conv3", "bn3")) {
                    modules.add(layer + block + "." + module);
                }
            }
        }
        modules.addAll(List.of("conv2", "bn2", "linear"));
        return modules;
    }

    @Override
    Initializer convolutionInitializer() {
        return TORCH_DEFAULT;
    }

    private static Block downBlock(int inputs, int outputs) {
        int half = outputs / 2;
        Block left =
                new SequentialBlock().add(withBatchNorm(depthwise(inputs, 2))).add(withBatchNormRelu(conv(half, 1, 1)));
        Block right = new SequentialBlock()
                .add(withBatchNormRelu(conv(half, 1, 1)))
                .add(withBatchNorm(depthwise(half, 2)))
                .add(withBatchNormRelu(conv(half, 1, 1)));
        return new SequentialBlock().add(concat(left, right)).add(new ChannelShuffle(2));
    }

    private static Block basicBlock(int channels) {
        int half = channels / 2;
        Block branch = new SequentialBlock()
                .add(withBatchNormRelu(conv(half, 1, 1)))
                .add(withBatchNorm(depthwise(half, 1)))
                .add(withBatchNormRelu(conv(half, 1, 1)));
        return new SequentialBlock().add(new SplitConcat(branch)).add(new ChannelShuffle(2));
    }
}
