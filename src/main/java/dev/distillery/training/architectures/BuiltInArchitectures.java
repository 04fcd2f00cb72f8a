package dev.distillery.training.architectures;

import dev.distillery.training.Architecture;
import java.util.List;

/** The architectures shipped with Distillery; add one line per new architecture class. */
public final class BuiltInArchitectures {

    private BuiltInArchitectures() {}

    public static List<Architecture> all() {
        return List.of(
                new Mlp(),
                new LeNet5(),
                new ResNet8x4(),
                new ResNet32x4(),
                new ResNet20(),
                new ResNet32(),
                new ResNet44(),
                new ResNet56(),
                new ResNet110(),
                new Wrn16x2(),
                new Wrn40x1(),
                new Wrn40x2(),
                new Vgg8(),
                new Vgg13(),
                new MobileNetV2(),
                new ShuffleNetV1(),
                new ShuffleNetV2());
    }
}
