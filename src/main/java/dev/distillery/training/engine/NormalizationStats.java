package dev.distillery.training.engine;

import dev.distillery.training.data.ImageData;

/**
 * The per-channel mean and standard deviation (pixels in [0, 1]) that training normalizes a dataset with: the
 * paper's constants for CIFAR-100, the statistics of the whole train split otherwise.
 */
public record NormalizationStats(double[] mean, double[] std) {

    public static NormalizationStats of(ImageData data) {
        Normalization normalization = Normalization.forData(data);
        int channels = data.train().shape().channels();
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = normalization.mean(c);
            std[c] = normalization.std(c);
        }
        return new NormalizationStats(mean, std);
    }
}
