package dev.distillery.training.architectures;

/** {@code vgg13}: mdistiller's {@code vgg13_bn} (configuration "B": two convs per stage, 64-128-256-512-512). */
public final class Vgg13 extends CifarVgg {

    public Vgg13() {
        super("vgg13", new int[][] {{64, 64}, {128, 128}, {256, 256}, {512, 512}, {512, 512}});
    }
}
