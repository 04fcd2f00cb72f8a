package dev.distillery.methods;

import ai.djl.ndarray.NDArray;

/** A method whose loss is a pure function of one step's logits and the settings: nothing learned, one view. */
public interface StatelessMethod extends DistillationMethod {

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

    @Override
    default MethodRun start(RunContext context) {
        LossSettings settings = context.settings();
        return step -> loss(step.student(), step.teacher(), step.labels(), step.epoch(), settings);
    }
}
