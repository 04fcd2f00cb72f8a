package dev.distillery.methods;

import ai.djl.ndarray.NDArray;

/** {@code ce}: plain cross-entropy on the labels (the "vanilla" baseline, also used to train teachers). */
public final class CrossEntropyMethod implements DistillationMethod {

    public static final String NAME = "ce";

    private static final LossSettings DEFAULTS = new LossSettings(1.0, false, 1.0, 0.0);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Cross-entropy on the labels only; no teacher";
    }

    @Override
    public boolean needsTeacher() {
        return false;
    }

    @Override
    public LossSettings defaults() {
        return DEFAULTS;
    }

    @Override
    public LossTerms loss(NDArray studentLogits, NDArray teacherLogits, NDArray labels, int epoch,
                          LossSettings settings) {
        return LossTerms.single("ce", Losses.crossEntropy(studentLogits, labels));
    }
}
