package dev.distillery.methods;

import ai.djl.ndarray.NDArray;

/**
 * The logits of one training step. Teacher logits are computed without gradient and are null for methods without a
 * teacher; the strong pair is null unless the method asks for {@link Views#WEAK_AND_STRONG}.
 *
 * @param epoch         the current epoch, counting from 1 (for schedules)
 * @param labels        (batch) integer class indices
 * @param student       (batch, classes) student logits on the plain (or weak) view, with gradient
 * @param teacher       (batch, classes) teacher logits on the same view
 * @param studentStrong (batch, classes) student logits on the strong view, with gradient
 * @param teacherStrong (batch, classes) teacher logits on the strong view
 */
public record StepLogits(
        int epoch, NDArray labels, NDArray student, NDArray teacher, NDArray studentStrong, NDArray teacherStrong) {

    /** One view. */
    public static StepLogits plain(int epoch, NDArray labels, NDArray student, NDArray teacher) {
        return new StepLogits(epoch, labels, student, teacher, null, null);
    }

    /** The teacher's logits of the plain view, or a clear failure for a method that needs them. */
    public NDArray requireTeacher(String method) {
        if (teacher == null) {
            throw new IllegalArgumentException(method + " needs teacher logits");
        }
        return teacher;
    }

    /** The strong pair, or a clear failure when the trainer did not compute it. */
    public void requireStrong(String method) {
        if (studentStrong == null || teacherStrong == null) {
            throw new IllegalArgumentException(method + " needs student and teacher logits of the strong view");
        }
    }
}
