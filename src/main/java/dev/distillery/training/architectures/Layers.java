package dev.distillery.training.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;

/**
 * The building blocks the CIFAR networks share, with PyTorch's semantics: "same" padding ({@code kernel / 2}),
 * convolutions without bias when a BatchNorm follows, BatchNorm with epsilon 1e-5 and PyTorch momentum 0.1
 * (DJL's momentum 0.9 is the weight of the old running statistics).
 */
final class Layers {

    private Layers() {}

    /** A convolution without bias: {@code nn.Conv2d(in, filters, kernel, stride, kernel // 2, bias=False)}. */
    static Conv2d conv(int filters, int kernel, int stride) {
        return conv(filters, kernel, stride, 1);
    }

    /** A grouped convolution without bias; {@code groups == filters == input channels} makes it depthwise. */
    static Conv2d conv(int filters, int kernel, int stride, int groups) {
        return convolution(filters, kernel, stride, groups, false);
    }

    /** A 3x3 stride-1 convolution with bias (VGG's convolutions keep theirs in front of BatchNorm). */
    static Conv2d convWithBias(int filters) {
        return convolution(filters, 3, 1, 1, true);
    }

    /** A depthwise 3x3 convolution over {@code channels} channels. */
    static Conv2d depthwise(int channels, int stride) {
        return conv(channels, 3, stride, channels);
    }

    static BatchNorm batchNorm() {
        return BatchNorm.builder().build();
    }

    static Block relu() {
        return Activation.reluBlock();
    }

    /** {@code block → BatchNorm}. */
    static SequentialBlock withBatchNorm(Block block) {
        return new SequentialBlock().add(block).add(batchNorm());
    }

    /** {@code block → BatchNorm → ReLU}. */
    static SequentialBlock withBatchNormRelu(Block block) {
        return withBatchNorm(block).add(relu());
    }

    /** The input itself. */
    static Block identity() {
        return Blocks.identityBlock();
    }

    /** {@code main(x) + shortcut(x)}. */
    static ParallelBlock sum(Block main, Block shortcut) {
        return new ParallelBlock(Layers::add, List.of(main, shortcut));
    }

    /** {@code cat([first(x), second(x)], dim=1)}. */
    static ParallelBlock concat(Block first, Block second) {
        return new ParallelBlock(Layers::concatChannels, List.of(first, second));
    }

    private static NDList add(List<NDList> branches) {
        return new NDList(
                NDArrays.add(branches.stream().map(NDList::singletonOrThrow).toArray(NDArray[]::new)));
    }

    private static NDList concatChannels(List<NDList> branches) {
        return new NDList(NDArrays.concat(
                new NDList(branches.stream().map(NDList::singletonOrThrow).toList()), 1));
    }

    private static Conv2d convolution(int filters, int kernel, int stride, int groups, boolean bias) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optGroups(groups)
                .optBias(bias)
                .build();
    }
}
