package dev.distillery.training.architectures;

/** {@code resnet56}: mdistiller's ResNet-56 for CIFAR, stem 16, stages 16-32-64, 9 BasicBlocks per stage. */
public final class ResNet56 extends CifarResNet {

    public ResNet56() {
        super("resnet56", 56, NARROW);
    }
}
