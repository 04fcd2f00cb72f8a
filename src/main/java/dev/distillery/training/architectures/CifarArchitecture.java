package dev.distillery.training.architectures;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;
import dev.distillery.training.Architecture;
import dev.distillery.training.InputShape;
import java.util.Optional;

/**
 * A network from the paper's code base (mdistiller, {@code mdistiller/models/cifar}), designed for 32x32 images:
 * {@code zero-pad to 32x32 → features → global average pooling → linear classifier}. Smaller images are padded
 * inside the network, any channel count is accepted (the first convolution infers it). Global average pooling
 * is what the references' fixed-size pooling does on their final 32x32-input feature maps.
 */
abstract class CifarArchitecture implements Architecture {

    /** The side the networks are designed for; smaller inputs are zero-padded to it. */
    static final int SIDE = 32;

    /** {@code kaiming_normal_(mode="fan_out", nonlinearity="relu")}, i.e. N(0, 2 / (out_channels·k·k)). */
    static final Initializer HE_NORMAL_FAN_OUT = new XavierInitializer(RandomType.GAUSSIAN, FactorType.OUT, 2);

    /** PyTorch's default for Conv2d and Linear weights: U(±1/sqrt(fan_in)). */
    static final Initializer TORCH_DEFAULT = new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 1);

    /** {@code normal_(0, 0.01)}, the references' classifier initialization for VGG and MobileNetV2. */
    static final Initializer SMALL_NORMAL = new NormalInitializer(0.01f);

    private final String name;

    CifarArchitecture(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Optional<String> problem(InputShape shape, int classes) {
        if (classes < 1) {
            return Optional.of(name + " needs at least one class, got " + classes);
        }
        if (shape.height() > SIDE || shape.width() > SIDE) {
            return Optional.of(name + " is a CIFAR network for images up to " + SIDE + "x" + SIDE
                    + " (smaller ones are zero-padded to " + SIDE + "x" + SIDE + "), got " + shape);
        }
        return Optional.empty();
    }

    @Override
    public final Block build(InputShape shape, int classes) {
        problem(shape, classes).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        Block features = features();
        features.setInitializer(convolutionInitializer(), Parameter.Type.WEIGHT);
        Block classifier = Linear.builder().setUnits(classes).build();
        classifier.setInitializer(classifierInitializer(), Parameter.Type.WEIGHT);
        return new SequentialBlock()
                .add(new ZeroPadTo(SIDE))
                .add(features)
                .add(Pool.globalAvgPool2dBlock())
                .add(classifier);
    }

    /** Maps (N, C, 32, 32) images to (N, features, h, w) feature maps, ready for global average pooling. */
    abstract Block features();

    /** How the reference initializes convolution weights (biases start at zero, BatchNorm at gamma 1, beta 0). */
    Initializer convolutionInitializer() {
        return HE_NORMAL_FAN_OUT;
    }

    /** How the reference initializes the classifier's weight matrix (its bias starts at zero). */
    Initializer classifierInitializer() {
        return TORCH_DEFAULT;
    }
}
