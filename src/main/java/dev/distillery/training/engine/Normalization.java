package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import dev.distillery.training.data.BuiltInDatasets;
import dev.distillery.training.data.ImageData;
import dev.distillery.training.data.ImageSplit;

/**
 * Per-channel standardization {@code (pixel/255 - mean_c) / std_c}, exposed as a byte → float table.
 *
 * <p>CIFAR-100 uses the constants of the paper's code base (mdistiller's CIFAR-100 transform), so results compare
 * with the paper's. Every other dataset uses the mean and (population) standard deviation of its whole training
 * split, computed over the split as loaded, <em>before</em> an experiment's sample limit: the same dataset is then
 * normalized identically in every experiment, which a teacher trained in one run and loaded in another relies on.
 */
final class Normalization {

    /** mdistiller's CIFAR-100 channel means (R, G, B), pixels scaled to [0, 1]. */
    static final double[] CIFAR100_MEAN = {0.5071, 0.4867, 0.4408};
    /** mdistiller's CIFAR-100 channel standard deviations (R, G, B). */
    static final double[] CIFAR100_STD = {0.2675, 0.2565, 0.2761};

    /** Keeps the standard deviation of a constant channel away from zero. */
    private static final double VARIANCE_FLOOR = 1e-12;

    private static final int LEVELS = 256;
    private static final double MAX_PIXEL = 255.0;

    private final double[] mean;
    private final double[] std;
    private final float[][] table;

    private Normalization(double[] mean, double[] std) {
        this.mean = mean.clone();
        this.std = std.clone();
        this.table = new float[mean.length][LEVELS];
        for (int c = 0; c < mean.length; c++) {
            for (int v = 0; v < LEVELS; v++) {
                table[c][v] = (float) ((v / MAX_PIXEL - mean[c]) / std[c]);
            }
        }
    }

    /** The normalization for {@code data}: the paper's constants for CIFAR-100, full-train-split statistics otherwise. */
    static Normalization forData(ImageData data) {
        if (BuiltInDatasets.CIFAR100.equals(data.name()) && data.train().shape().channels() == CIFAR100_MEAN.length) {
            return new Normalization(CIFAR100_MEAN, CIFAR100_STD);
        }
        return of(data.train().unlimited());
    }

    /** Mean and standard deviation of every channel of {@code train} (all of its {@link ImageSplit#size()} images). */
    static Normalization of(ImageSplit train) {
        InputShape shape = train.shape();
        int plane = shape.height() * shape.width();
        double[] mean = new double[shape.channels()];
        double[] std = new double[shape.channels()];
        for (int c = 0; c < shape.channels(); c++) {
            long[] histogram = new long[LEVELS];
            for (int i = 0; i < train.size(); i++) {
                for (int p = c * plane; p < (c + 1) * plane; p++) {
                    histogram[train.pixel(i, p)]++;
                }
            }
            double count = (double) train.size() * plane;
            double sum = 0;
            double sumSquares = 0;
            for (int v = 0; v < LEVELS; v++) {
                double value = v / MAX_PIXEL;
                sum += histogram[v] * value;
                sumSquares += histogram[v] * value * value;
            }
            mean[c] = sum / count;
            std[c] = Math.sqrt(Math.max(sumSquares / count - mean[c] * mean[c], VARIANCE_FLOOR));
        }
        return new Normalization(mean, std);
    }

    /** The normalized value of raw pixel value {@code value} (0..255) in channel {@code channel}. */
    float apply(int channel, int value) {
        return table[channel][value];
    }

    double mean(int channel) {
        return mean[channel];
    }

    double std(int channel) {
        return std[channel];
    }
}
