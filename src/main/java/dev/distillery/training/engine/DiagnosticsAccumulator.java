package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import dev.distillery.methods.LogitStandardization;
import dev.distillery.methods.Losses;
import dev.distillery.training.LogitDiagnostics;

/**
 * Accumulates {@link LogitDiagnostics} over the batches of an evaluation pass: teacher–student top-1 agreement,
 * KL(softmax(t/τ) ‖ softmax(s/τ)) with and without logit standardization (computed with the methods' own
 * {@link LogitStandardization} and {@link Losses#klDivergence}; no τ² factor), and the mean over samples of each
 * logit row's mean and unbiased standard deviation. Everything is summed per sample in double and divided by the
 * sample count at the end, so the result does not depend on how the samples were batched.
 */
final class DiagnosticsAccumulator {

    private final double temperature;
    private long samples;
    private long agreements;
    private double klSum;
    private double standardizedKlSum;
    private final RowStatistics student = new RowStatistics();
    private final RowStatistics teacher = new RowStatistics();
    private boolean withTeacher;

    DiagnosticsAccumulator(double temperature) {
        this.temperature = temperature;
    }

    /**
     * Adds one batch.
     *
     * @param studentLogits (batch, classes) on the device; temporary arrays attach to its manager
     * @param studentValues the same logits in Java
     * @param teacherLogits (batch, classes), or null when there is no teacher
     * @param teacherValues the same logits in Java, or null
     */
    void add(NDArray studentLogits, float[] studentValues, NDArray teacherLogits, float[] teacherValues) {
        int classes = Math.toIntExact(
                studentLogits.getShape().get(studentLogits.getShape().dimension() - 1));
        int batch = studentValues.length / classes;
        student.add(studentValues, classes);
        if (teacherLogits != null) {
            withTeacher = true;
            teacher.add(teacherValues, classes);
            agreements += agreements(studentValues, teacherValues, classes);
            klSum += batch * kl(teacherLogits, studentLogits, false);
            if (classes > 1) {
                standardizedKlSum += batch * kl(teacherLogits, studentLogits, true);
            }
        }
        samples += batch;
    }

    /** The diagnostics of every batch added; teacher fields are null when no batch had a teacher. */
    LogitDiagnostics result() {
        if (samples == 0) {
            return null;
        }
        if (!withTeacher) {
            return new LogitDiagnostics(null, null, null, student.mean(samples), student.std(samples), null, null);
        }
        boolean standardizable = student.classes > 1;
        return new LogitDiagnostics(
                (double) agreements / samples,
                klSum / samples,
                standardizable ? standardizedKlSum / samples : null,
                student.mean(samples),
                student.std(samples),
                teacher.mean(samples),
                teacher.std(samples));
    }

    private double kl(NDArray teacherLogits, NDArray studentLogits, boolean zscore) {
        NDArray t = LogitStandardization.apply(teacherLogits, temperature, zscore);
        NDArray s = LogitStandardization.apply(studentLogits, temperature, zscore);
        return ((Number) Losses.klDivergence(t, s).toArray()[0]).doubleValue();
    }

    private static int agreements(float[] student, float[] teacher, int classes) {
        int agree = 0;
        for (int offset = 0; offset < student.length; offset += classes) {
            agree += argmax(student, offset, classes) == argmax(teacher, offset, classes) ? 1 : 0;
        }
        return agree;
    }

    /** The first index of the largest value, as {@code argmax} breaks ties. */
    static int argmax(float[] values, int offset, int length) {
        int best = 0;
        for (int c = 1; c < length; c++) {
            if (values[offset + c] > values[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    /** Sums of per-row means and unbiased standard deviations. */
    private static final class RowStatistics {

        private int classes;
        private double meanSum;
        private double stdSum;

        void add(float[] values, int classes) {
            this.classes = classes;
            for (int offset = 0; offset < values.length; offset += classes) {
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += values[offset + c];
                }
                double mean = sum / classes;
                double squares = 0;
                for (int c = 0; c < classes; c++) {
                    double d = values[offset + c] - mean;
                    squares += d * d;
                }
                meanSum += mean;
                stdSum += classes > 1 ? Math.sqrt(squares / (classes - 1)) : 0;
            }
        }

        double mean(long samples) {
            return meanSum / samples;
        }

        double std(long samples) {
            return stdSum / samples;
        }
    }
}
