package dev.distillery.methods;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One training objective, registered by {@link #name()} in the {@link MethodRegistry}. Implementations are
 * stateless and thread-safe; the trainer has no special cases for any of them.
 */
public interface DistillationMethod {

    /** Registry key, e.g. {@code kd}. */
    String name();

    /** One line for the catalog. */
    String description();

    /** Whether {@link #loss} needs teacher logits. */
    boolean needsTeacher();

    /**
     * Reference hyperparameters for the given standardization switch, shown in the catalog and used when a spec
     * leaves them out. The result's {@code zscore} is the argument, and its {@link LossSettings#params()} holds the
     * default of every parameter in {@link #parameters()}.
     */
    LossSettings defaults(boolean zscore);

    /**
     * The method's own hyperparameters, read from {@link LossSettings#params()} (a missing one takes its default).
     * None by default.
     */
    default List<MethodParameter> parameters() {
        return List.of();
    }

    /**
     * Computes the loss of one batch.
     *
     * @param studentLogits (batch, classes), with gradient
     * @param teacherLogits (batch, classes), computed without gradient; null when {@link #needsTeacher()} is false
     * @param labels        (batch) integer class indices
     * @param epoch         current epoch, counting from 1 (for methods with warm-up)
     * @param settings      temperature, standardization switch and weights
     */
    LossTerms loss(NDArray studentLogits, NDArray teacherLogits, NDArray labels, int epoch, LossSettings settings);
}
