package dev.distillery.training.architectures;

/** {@code resnet20}: mdistiller's ResNet-20 for CIFAR, stem 16, stages 16-32-64, 3 BasicBlocks per stage. */
public final class ResNet20 extends CifarResNet {

    public ResNet20() {
        super("resnet20", 20, NARROW);
    }
}
