package dev.distillery.training.architectures;

/** {@code wrn_40_1}: the pre-activation wide ResNet WRN-40-1 (depth 40, widening factor 1). */
public final class Wrn40x1 extends WideResNet {

    public Wrn40x1() {
        super("wrn_40_1", 40, 1);
    }
}
