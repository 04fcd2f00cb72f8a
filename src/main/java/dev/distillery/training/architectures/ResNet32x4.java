package dev.distillery.training.architectures;

/**
 * {@code resnet32x4}: mdistiller's ResNet-32 with 4x wider stages: stem 32, stages 64-128-256, 5 BasicBlocks per
 * stage.
 */
public final class ResNet32x4 extends CifarResNet {

    public ResNet32x4() {
        super("resnet32x4", 32, WIDE);
    }
}
