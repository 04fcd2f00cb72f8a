package dev.distillery.methods;

import ai.djl.ndarray.NDArray;
import dev.distillery.tensors.OwnedArrays;

/**
 * Logit standardization (Sun et al., CVPR 2024), the pre-processing shared by every logit-based method.
 *
 * <pre>
 *   zscore on:  Z(x) = (x - mean(x)) / (std(x) + 1e-7) / τ     per row, over the class axis
 *   zscore off: Z(x) = x / τ
 * </pre>
 *
 * std is unbiased (divides by K-1), as {@code torch.std}. Everything is built from differentiable NDArray
 * operations, so gradients flow through the student's mean and std. A row of equal logits has std 0; the
 * variance is clamped at {@value #VARIANCE_FLOOR} before the square root so that its gradient stays finite
 * (zero), matching torch, whose std backward masks std == 0.
 */
public final class LogitStandardization {

    /** Added to the standard deviation, as in the paper's code. */
    public static final double EPSILON = 1e-7;

    /** Lower bound for the variance before the square root (keeps d sqrt / d var finite at 0). */
    static final double VARIANCE_FLOOR = 1e-30;

    private LogitStandardization() {}

    /**
     * Applies Z to a (batch, classes) array of logits.
     *
     * @return a new array of the same shape, attached to the logits' manager
     */
    public static NDArray apply(NDArray logits, double temperature, boolean zscore) {
        return (zscore ? standardize(logits) : logits).div(OwnedArrays.scalar(logits, temperature));
    }

    /**
     * Applies Z with a temperature that is itself a tensor (a learned one: gradients reach it through the division).
     *
     * @param temperature a scalar or (1) array of the logits' data type
     */
    public static NDArray apply(NDArray logits, NDArray temperature, boolean zscore) {
        return (zscore ? standardize(logits) : logits).div(temperature);
    }

    /** {@code (x - mean(x)) / (std(x) + 1e-7)} per row, before any temperature. */
    private static NDArray standardize(NDArray logits) {
        long classes = logits.getShape().get(logits.getShape().dimension() - 1);
        if (classes < 2) {
            throw new IllegalArgumentException("logit standardization needs at least 2 classes, got " + classes);
        }
        NDArray centered = logits.sub(logits.mean(new int[] {-1}, true));
        NDArray variance = centered.square().sum(new int[] {-1}, true).div(OwnedArrays.scalar(logits, classes - 1));
        NDArray std =
                variance.maximum(OwnedArrays.scalar(logits, VARIANCE_FLOOR)).sqrt();
        return centered.div(std.add(OwnedArrays.scalar(logits, EPSILON)));
    }
}
