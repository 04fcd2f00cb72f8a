package dev.distillery.training.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.distillery.training.DjlTestThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared building blocks against hand-computed values. */
class LayersTest {

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void zeroPadsSmallImagesEvenlyTo32x32AndLeavesFullSizeOnesAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ZeroPadTo pad = new ZeroPadTo(32);
            NDArray ones = manager.ones(new Shape(2, 1, 28, 27));
            NDArray padded = forward(pad, manager, ones);

            assertThat(padded.getShape()).isEqualTo(new Shape(2, 1, 32, 32));
            assertThat(pad.getOutputShapes(new Shape[] {ones.getShape()})[0]).isEqualTo(padded.getShape());
            assertThat(padded.sum().getFloat()).isEqualTo(2 * 28 * 27);
            // rows 2..29 and columns 2..28 hold the image: 2 above, 2 below; 2 left, 3 right
            assertThat(padded.get("0, 0, 1, :").sum().getFloat()).isZero();
            assertThat(padded.get("0, 0, 2, :").sum().getFloat()).isEqualTo(27);
            assertThat(padded.get("0, 0, 29, :").sum().getFloat()).isEqualTo(27);
            assertThat(padded.get("0, 0, 30, :").sum().getFloat()).isZero();
            assertThat(padded.get("0, 0, :, 1").sum().getFloat()).isZero();
            assertThat(padded.get("0, 0, :, 2").sum().getFloat()).isEqualTo(28);
            assertThat(padded.get("0, 0, :, 28").sum().getFloat()).isEqualTo(28);
            assertThat(padded.get("0, 0, :, 29").sum().getFloat()).isZero();

            NDArray cifar = manager.ones(new Shape(1, 3, 32, 32));
            assertThat(forward(pad, manager, cifar).getShape()).isEqualTo(new Shape(1, 3, 32, 32));
        }
    }

    @Test
    void channelShuffleInterleavesTheGroupsLikeTheReference() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray channels = manager.arange(6f).reshape(1, 6, 1, 1);
            // reshape(N, 3, 2, H, W).permute(0, 2, 1, 3, 4): [0 1 | 2 3 | 4 5] → [0 2 4 1 3 5]
            assertThat(forward(new ChannelShuffle(3), manager, channels).toFloatArray())
                    .containsExactly(0, 2, 4, 1, 3, 5);
            assertThat(forward(new ChannelShuffle(2), manager, channels).toFloatArray())
                    .containsExactly(0, 3, 1, 4, 2, 5);
            assertThat(forward(new ChannelShuffle(1), manager, channels).toFloatArray())
                    .containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    @Test
    void splitConcatPassesTheFirstHalfAndTransformsTheSecond() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SplitConcat block = new SplitConcat(
                    new LambdaBlock(list -> new NDList(list.head().neg())));
            NDArray channels = manager.arange(1f, 5f).reshape(1, 4, 1, 1);
            block.initialize(manager, DataType.FLOAT32, channels.getShape());
            assertThat(forward(block, manager, channels).toFloatArray()).containsExactly(1, 2, -3, -4);
            assertThat(block.getOutputShapes(new Shape[] {new Shape(2, 6, 4, 4)})[0])
                    .isEqualTo(new Shape(2, 6, 4, 4));
        }
    }

    @Test
    void sumAndConcatJoinBranchesAlongChannels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(1f, 3f).reshape(1, 2, 1, 1);
            Block sum = Layers.sum(Layers.identity(), Layers.identity());
            Block concat = Layers.concat(Layers.identity(), Layers.identity());
            sum.initialize(manager, DataType.FLOAT32, x.getShape());
            concat.initialize(manager, DataType.FLOAT32, x.getShape());
            assertThat(forward(sum, manager, x).toFloatArray()).containsExactly(2, 4);
            assertThat(forward(concat, manager, x).toFloatArray()).containsExactly(1, 2, 1, 2);
        }
    }

    @Test
    void batchNormKeepsPyTorchsRunningStatistics() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchNorm batchNorm = Layers.batchNorm();
            NDArray x = manager.create(new float[] {1, 3, 5, 7}).reshape(4, 1, 1, 1);
            batchNorm.initialize(manager, DataType.FLOAT32, x.getShape());
            forward(batchNorm, manager, x, true);
            // PyTorch momentum 0.1: running_mean = 0.9·0 + 0.1·4; running_var = 0.9·1 + 0.1·(unbiased var 20/3)
            NDArray mean = batchNorm.getParameters().get("runningMean").getArray();
            NDArray variance = batchNorm.getParameters().get("runningVar").getArray();
            assertThat(mean.getFloat(0)).isCloseTo(0.4f, within(1e-5f));
            assertThat(variance.getFloat(0)).isCloseTo(0.9f + 2f / 3f, within(1e-5f));
        }
    }

    private static NDArray forward(Block block, NDManager manager, NDArray input) {
        return forward(block, manager, input, false);
    }

    private static NDArray forward(Block block, NDManager manager, NDArray input, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(input), training)
                .singletonOrThrow();
    }
}
