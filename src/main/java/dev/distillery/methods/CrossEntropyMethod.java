package dev.distillery.methods;

import ai.djl.ndarray.NDArray;
import java.util.Set;

/** {@code ce}: plain cross-entropy on the labels (the "vanilla" baseline, also used to train teachers). */
public final class CrossEntropyMethod implements StatelessMethod {

    public static final String NAME = "ce";

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

    /** The plain cross-entropy reads none of the common settings. */
    @Override
    public Set<CommonSetting> reads() {
        return Set.of();
    }

    /** τ 4, λ_CE 1, λ_KD 0; τ and the switch do not affect this loss. */
    @Override
    public LossSettings defaults(boolean zscore) {
        return new LossSettings(4.0, zscore, 1.0, 0.0);
    }

    @Override
    public LossTerms loss(
            NDArray studentLogits, NDArray teacherLogits, NDArray labels, int epoch, LossSettings settings) {
        return LossTerms.single("ce", Losses.crossEntropy(studentLogits, labels));
    }
}
