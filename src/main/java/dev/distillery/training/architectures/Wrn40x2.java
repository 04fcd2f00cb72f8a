package dev.distillery.training.architectures;

/** {@code wrn_40_2}: the pre-activation wide ResNet WRN-40-2 (depth 40, widening factor 2). */
public final class Wrn40x2 extends WideResNet {

    public Wrn40x2() {
        super("wrn_40_2", 40, 2);
    }
}
