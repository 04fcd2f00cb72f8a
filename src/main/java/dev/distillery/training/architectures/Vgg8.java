package dev.distillery.training.architectures;

/** {@code vgg8}: mdistiller's {@code vgg8_bn} (configuration "S": one conv per stage, 64-128-256-512-512). */
public final class Vgg8 extends CifarVgg {

    public Vgg8() {
        super("vgg8", new int[][] {{64}, {128}, {256}, {512}, {512}});
    }
}
