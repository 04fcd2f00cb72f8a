package dev.distillery.training.architectures;

/** {@code wrn_16_2}: the pre-activation wide ResNet WRN-16-2 (depth 16, widening factor 2). */
public final class Wrn16x2 extends WideResNet {

    public Wrn16x2() {
        super("wrn_16_2", 16, 2);
    }
}
