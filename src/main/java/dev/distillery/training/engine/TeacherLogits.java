package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.distillery.tensors.OwnedArrays;

/**
 * The frozen teacher's logits for the samples of one split, either computed on every batch (augmented training:
 * each image differs every epoch) or memoized per sample (un-augmented images are the same every epoch, and the
 * teacher runs in inference mode, so its logits are too).
 *
 * <p>The memo is filled on the fly: the first time a sample is seen the teacher runs on its batch as usual and the
 * rows are kept; a batch whose samples are all known is served from the memo without running the teacher. So the
 * teacher sees each training sample once per run, with no separate pass over the data. The memo is a Java
 * {@code float[]} (samples × classes), not an NDArray, so nothing stays attached to a native manager; arrays handed
 * out belong to the caller's per-batch manager. Not thread-safe: one per run and split.
 */
final class TeacherLogits {

    /** Above this many values (1.6 GB of floats) the memo is not kept and the teacher runs on every batch. */
    static final long MAX_MEMO_VALUES = 400_000_000L;

    private final Network teacher;
    private final int classes;
    private final float[] memo;
    private final boolean[] known;
    private int knownCount;

    private TeacherLogits(Network teacher, int classes, int samples, boolean memoize) {
        this.teacher = teacher;
        this.classes = classes;
        boolean fits = (long) samples * classes <= MAX_MEMO_VALUES;
        this.memo = memoize && fits ? new float[samples * classes] : null;
        this.known = memoize && fits ? new boolean[samples] : null;
    }

    /** Runs the teacher on every batch. */
    static TeacherLogits live(Network teacher, int classes) {
        return new TeacherLogits(teacher, classes, 0, false);
    }

    /** Memoizes the teacher's logits of each of the split's {@code samples} (sample index = position in the split). */
    static TeacherLogits memoized(Network teacher, int classes, int samples) {
        return new TeacherLogits(teacher, classes, samples, true);
    }

    boolean memoizing() {
        return memo != null;
    }

    /** How many samples' logits are memoized. */
    int knownSamples() {
        return knownCount;
    }

    /**
     * The teacher's (batch, classes) logits for samples {@code order[from..to)} whose input images are {@code images},
     * attached to {@code scope}. Runs the teacher (grad mode off, inference mode) unless every row is memoized.
     */
    NDArray logits(NDManager scope, NDArray images, int[] order, int from, int to) {
        if (memo != null && allKnown(order, from, to)) {
            float[] rows = new float[(to - from) * classes];
            for (int i = from; i < to; i++) {
                System.arraycopy(memo, order[i] * classes, rows, (i - from) * classes, classes);
            }
            return OwnedArrays.of(scope, rows, new Shape(to - from, classes));
        }
        NDArray logits;
        try (Autograd.GradMode off = Autograd.gradMode(false)) {
            logits = teacher.infer(images);
        }
        if (memo != null) {
            remember(logits.toFloatArray(), order, from, to);
        }
        return logits;
    }

    private boolean allKnown(int[] order, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!known[order[i]]) {
                return false;
            }
        }
        return true;
    }

    private void remember(float[] rows, int[] order, int from, int to) {
        for (int i = from; i < to; i++) {
            int sample = order[i];
            System.arraycopy(rows, (i - from) * classes, memo, sample * classes, classes);
            if (!known[sample]) {
                known[sample] = true;
                knownCount++;
            }
        }
    }
}
