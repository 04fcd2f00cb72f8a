package dev.distillery.methods;

import ai.djl.ndarray.NDArray;
import dev.distillery.tensors.OwnedArrays;

/** The basic numerically stable loss functions the methods compose; all reduce to a batch mean. */
public final class Losses {

    private Losses() {}

    /**
     * Cross-entropy of raw logits (batch, classes) against integer labels (batch), averaged over the batch.
     * Uses log-softmax, so large logits do not overflow.
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        int classes = Math.toIntExact(logits.getShape().get(logits.getShape().dimension() - 1));
        NDArray oneHot = labels.oneHot(classes, logits.getDataType());
        return logits.logSoftmax(-1).mul(oneHot).sum(new int[] {-1}).mean().neg();
    }

    /**
     * KL(softmax(teacher) ‖ softmax(student)) for already transformed logits (batch, classes): summed over
     * classes, averaged over the batch. Computed from log-softmax on both sides; a teacher probability that
     * underflows to 0 contributes exactly 0.
     */
    public static NDArray klDivergence(NDArray teacherLogits, NDArray studentLogits) {
        return klDivergencePerRow(teacherLogits, studentLogits).mean();
    }

    /**
     * KL(softmax(teacher) ‖ softmax(student)) of each row of already transformed logits (batch, classes), summed over
     * classes: a (batch) array. {@link #klDivergence} is its mean.
     */
    public static NDArray klDivergencePerRow(NDArray teacherLogits, NDArray studentLogits) {
        NDArray teacherLog = teacherLogits.logSoftmax(-1);
        NDArray studentLog = studentLogits.logSoftmax(-1);
        return teacherLog.exp().mul(teacherLog.sub(studentLog)).sum(new int[] {-1});
    }

    /**
     * Multiplies a loss by a constant without changing its data type (a Java double would otherwise promote a
     * float32 scalar to float64).
     */
    public static NDArray scaled(NDArray loss, double factor) {
        return loss.mul(OwnedArrays.scalar(loss, factor));
    }
}
