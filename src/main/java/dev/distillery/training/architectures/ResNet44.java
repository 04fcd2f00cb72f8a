package dev.distillery.training.architectures;

/** {@code resnet44}: mdistiller's ResNet-44 for CIFAR, stem 16, stages 16-32-64, 7 BasicBlocks per stage. */
public final class ResNet44 extends CifarResNet {

    public ResNet44() {
        super("resnet44", 44, NARROW);
    }
}
