package dev.distillery.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;

/**
 * MLKD's confidence masks, from the teacher's weak-view predictions: a sample is in when its top probability is at
 * most the batch median, a class when its probability summed over the batch is at most the median class sum. The
 * median is numpy's {@code percentile(·, 50)} (linear interpolation); ties are in.
 *
 * @param sampleMask one flag per sample
 * @param classMask  one flag per class
 */
record ConfidenceMasks(boolean[] sampleMask, boolean[] classMask) {

    static ConfidenceMasks of(NDArray teacherLogits) {
        int classes = Math.toIntExact(teacherLogits.getShape().get(1));
        double[] probabilities;
        try (NDArray softmax = teacherLogits.softmax(-1);
                NDArray wide = softmax.toType(DataType.FLOAT64, false)) {
            probabilities = wide.toDoubleArray();
        }
        int samples = probabilities.length / classes;
        double[] confidence = new double[samples];
        double[] classConfidence = new double[classes];
        Arrays.fill(confidence, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < classes; c++) {
                double p = probabilities[i * classes + c];
                confidence[i] = Math.max(confidence[i], p);
                classConfidence[c] += p;
            }
        }
        return new ConfidenceMasks(atMostMedian(confidence), atMostMedian(classConfidence));
    }

    /** numpy's {@code percentile(values, 50)}: the middle of the sorted values, linearly interpolated. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = 0.5 * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        double fraction = position - low;
        double difference = sorted[high] - sorted[low];
        // numpy's _lerp: from the upper end when the fraction is at least one half
        return fraction >= 0.5 ? sorted[high] - difference * (1 - fraction) : sorted[low] + difference * fraction;
    }

    private static boolean[] atMostMedian(double[] values) {
        double median = median(values);
        boolean[] mask = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            mask[i] = values[i] <= median;
        }
        return mask;
    }

    double sampleFraction() {
        return fraction(sampleMask);
    }

    double classFraction() {
        return fraction(classMask);
    }

    private static double fraction(boolean[] mask) {
        int set = 0;
        for (boolean flag : mask) {
            set += flag ? 1 : 0;
        }
        return (double) set / mask.length;
    }
}
