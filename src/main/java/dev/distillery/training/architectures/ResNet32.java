package dev.distillery.training.architectures;

/** {@code resnet32}: mdistiller's ResNet-32 for CIFAR, stem 16, stages 16-32-64, 5 BasicBlocks per stage. */
public final class ResNet32 extends CifarResNet {

    public ResNet32() {
        super("resnet32", 32, NARROW);
    }
}
