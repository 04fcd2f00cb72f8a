package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import dev.distillery.training.data.ImageSplit;

/**
 * Per-channel standardization {@code (pixel/255 - mean_c) / std_c} with the mean and standard deviation of the
 * (limited) training split, so every dataset needs no hand-kept constants. Exposed as a byte → float table.
 */
final class Normalization {

    private final float[][] table;

    private Normalization(float[][] table) {
        this.table = table;
    }

    static Normalization of(ImageSplit train) {
        InputShape shape = train.shape();
        int plane = shape.height() * shape.width();
        float[][] table = new float[shape.channels()][256];
        for (int c = 0; c < shape.channels(); c++) {
            double sum = 0;
            double sumSquares = 0;
            for (int i = 0; i < train.size(); i++) {
                for (int p = c * plane; p < (c + 1) * plane; p++) {
                    double value = train.pixel(i, p) / 255.0;
                    sum += value;
                    sumSquares += value * value;
                }
            }
            double count = (double) train.size() * plane;
            double mean = sum / count;
            double std = Math.sqrt(Math.max(sumSquares / count - mean * mean, 1e-12));
            for (int v = 0; v < 256; v++) {
                table[c][v] = (float) ((v / 255.0 - mean) / std);
            }
        }
        return new Normalization(table);
    }

    /** The normalized value of raw pixel value {@code value} (0..255) in channel {@code channel}. */
    float apply(int channel, int value) {
        return table[channel][value];
    }
}
