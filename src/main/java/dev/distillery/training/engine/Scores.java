package dev.distillery.training.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates loss, named loss parts and top-1 / top-k accuracy over batches of logits (computed in Java, in
 * double; batch means are weighted by batch size, so the results are means over samples).
 *
 * <p>A row holding a NaN or infinite logit is never counted as correct: NaN compares false with everything, so a
 * NaN row would otherwise rank its label first and a diverged network would score top-1 1.0. Such values are
 * counted ({@link #nonFiniteLogits()}) so that evaluation can fail the run instead of recording the epoch.
 */
final class Scores {

    private final int k;
    private double lossSum;
    private long samples;
    private long top1;
    private long topK;
    private long logitCount;
    private long nonFiniteLogits;
    private final Map<String, Double> partSums = new LinkedHashMap<>();

    /** @param k the "top-5" k, i.e. min(5, classes) */
    Scores(int k) {
        this.k = k;
    }

    /** Adds a batch whose mean loss is already known (training: the method's loss). */
    void add(float[] logits, int[] labels, double meanLoss) {
        lossSum += meanLoss * labels.length;
        count(logits, labels);
    }

    /** Adds a training batch with its mean loss and the batch means of the loss's named parts. */
    void add(float[] logits, int[] labels, double meanLoss, Map<String, Double> meanParts) {
        meanParts.forEach((name, value) -> partSums.merge(name, value * labels.length, Double::sum));
        add(logits, labels, meanLoss);
    }

    /** Adds a batch scored by cross-entropy of the logits (evaluation). */
    void addWithCrossEntropy(float[] logits, int[] labels) {
        int classes = logits.length / labels.length;
        for (int i = 0; i < labels.length; i++) {
            lossSum += crossEntropy(logits, i * classes, classes, labels[i]);
        }
        count(logits, labels);
    }

    double meanLoss() {
        return samples == 0 ? Double.NaN : lossSum / samples;
    }

    /** Each loss part's mean over the samples added (in the order the parts first appeared). */
    Map<String, Double> meanParts() {
        Map<String, Double> means = new LinkedHashMap<>();
        partSums.forEach((name, sum) -> means.put(name, samples == 0 ? Double.NaN : sum / samples));
        return means;
    }

    double top1() {
        return samples == 0 ? Double.NaN : (double) top1 / samples;
    }

    double topK() {
        return samples == 0 ? Double.NaN : (double) topK / samples;
    }

    long samples() {
        return samples;
    }

    /** How many logit values were added. */
    long logits() {
        return logitCount;
    }

    /** How many of the logit values added were NaN or infinite. */
    long nonFiniteLogits() {
        return nonFiniteLogits;
    }

    private void count(float[] logits, int[] labels) {
        int classes = logits.length / labels.length;
        for (int i = 0; i < labels.length; i++) {
            int nonFinite = nonFinite(logits, i * classes, classes);
            nonFiniteLogits += nonFinite;
            if (nonFinite == 0) {
                int rank = rank(logits, i * classes, classes, labels[i]);
                top1 += rank == 0 ? 1 : 0;
                topK += rank < k ? 1 : 0;
            }
        }
        samples += labels.length;
        logitCount += logits.length;
    }

    private static int nonFinite(float[] logits, int offset, int classes) {
        int count = 0;
        for (int c = 0; c < classes; c++) {
            count += Float.isFinite(logits[offset + c]) ? 0 : 1;
        }
        return count;
    }

    /**
     * The label's position when classes are sorted by descending logit, ties broken by lower class index first
     * (as argmax does), so constant logits are not counted as correct for every label. Meaningful for finite
     * logits only.
     */
    private static int rank(float[] logits, int offset, int classes, int label) {
        float target = logits[offset + label];
        int ahead = 0;
        for (int c = 0; c < classes; c++) {
            float value = logits[offset + c];
            ahead += value > target || (value == target && c < label) ? 1 : 0;
        }
        return ahead;
    }

    private static double crossEntropy(float[] logits, int offset, int classes, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[offset + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(logits[offset + c] - max);
        }
        return max + Math.log(sum) - logits[offset + label];
    }
}
