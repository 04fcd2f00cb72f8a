package dev.distillery.training.architectures;

/** {@code resnet110}: mdistiller's ResNet-110 for CIFAR, stem 16, stages 16-32-64, 18 BasicBlocks per stage. */
public final class ResNet110 extends CifarResNet {

    public ResNet110() {
        super("resnet110", 110, NARROW);
    }
}
