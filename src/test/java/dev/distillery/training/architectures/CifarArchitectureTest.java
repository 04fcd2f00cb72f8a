package dev.distillery.training.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.distillery.training.DjlTestThreads;
import dev.distillery.training.InputShape;
import java.util.Comparator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every CIFAR network shares: input checks, reference initialization, a sane training step. */
class CifarArchitectureTest {

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void acceptsImagesUpTo32x32WithAnyChannelsAndRejectsLargerOnes() {
        ResNet8x4 resnet = new ResNet8x4();
        assertThat(resnet.problem(new InputShape(3, 32, 32), 100)).isEmpty();
        assertThat(resnet.problem(new InputShape(1, 28, 28), 10)).isEmpty();
        assertThat(resnet.problem(new InputShape(4, 8, 12), 2)).isEmpty();
        assertThat(resnet.problem(new InputShape(3, 64, 64), 200))
                .get()
                .asString()
                .contains("resnet8x4")
                .contains("up to 32x32")
                .contains("3x64x64");
        assertThat(resnet.problem(new InputShape(3, 32, 33), 10)).isPresent();
        assertThat(resnet.problem(new InputShape(3, 32, 32), 0))
                .get()
                .asString()
                .contains("at least one class");
        assertThatThrownBy(() -> resnet.build(new InputShape(3, 64, 64), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("up to 32x32");
    }

    @Test
    void describesItsShape() {
        assertThat(new ResNet32x4().description()).contains("ResNet-32", "64-128-256", "5 blocks");
        assertThat(new Wrn40x2().description()).contains("WRN-40-2", "32-64-128", "6 blocks");
        assertThat(new Vgg13().description()).startsWith("VGG-13 with BatchNorm");
    }

    @Test
    void convolutionsStartWithHeNormalFanOutAsInTheReference() {
        Block block = new ResNet20().build(new InputShape(3, 32, 32), 100);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            // the largest convolution: 64 filters of 64x3x3, kaiming_normal_(mode="fan_out") → std sqrt(2 / (64·9))
            NDArray weights = block.getParameters().values().stream()
                    .filter(p -> p.getType() == Parameter.Type.WEIGHT
                            && p.getArray().getShape().dimension() == 4)
                    .map(Parameter::getArray)
                    .max(Comparator.comparingLong(NDArray::size))
                    .orElseThrow();
            assertThat(weights.getShape()).isEqualTo(new Shape(64, 64, 3, 3));
            double std = Math.sqrt(weights.pow(2).mean().getFloat());
            assertThat(std).isCloseTo(Math.sqrt(2.0 / (64 * 9)), within(0.003));
        }
    }

    @Test
    void oneSgdStepOnResnet8x4StaysFinite() {
        Block block = new ResNet8x4().build(new InputShape(3, 32, 32), 100);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            manager.getEngine().setRandomSeed(42);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            ParameterStore store = new ParameterStore(manager, false);
            Optimizer sgd = Optimizer.sgd()
                    .setLearningRateTracker(Tracker.fixed(0.05f))
                    .optMomentum(0.9f)
                    .optWeightDecays(5e-4f)
                    .build();
            store.setParameterServer(new LocalParameterServer(sgd), new Device[] {Device.cpu()});
            NDArray images = manager.randomNormal(new Shape(8, 3, 32, 32));
            NDArray labels = manager.arange(8f);
            Loss loss = Loss.softmaxCrossEntropyLoss();

            float before;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray value = loss.evaluate(new NDList(labels), block.forward(store, new NDList(images), true));
                before = value.getFloat();
                collector.backward(value);
            }
            store.updateAllParameters();
            NDArray logits = block.forward(store, new NDList(images), true).singletonOrThrow();
            float after = loss.evaluate(new NDList(labels), new NDList(logits)).getFloat();

            assertThat(before).isFinite();
            assertThat(after).isFinite().isLessThan(before);
            assertThat(block.getParameters().values().stream()
                            .anyMatch(p -> p.getArray().isNaN().any().getBoolean()))
                    .isFalse();
        }
    }
}
