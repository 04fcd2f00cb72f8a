package dev.distillery.training.architectures;

/**
 * {@code resnet8x4}: mdistiller's ResNet-8 with 4x wider stages: stem 32, stages 64-128-256, 1 BasicBlock per
 * stage.
 */
public final class ResNet8x4 extends CifarResNet {

    public ResNet8x4() {
        super("resnet8x4", 8, WIDE);
    }
}
