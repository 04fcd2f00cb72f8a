package dev.distillery.training;

import java.util.List;

/**
 * What loading a dataset tells: its class names, full split sizes, and the per-channel mean and standard deviation
 * (pixels in [0, 1]) training normalizes it with.
 */
public record DatasetMeasures(
        List<String> classNames, int trainSize, int testSize, List<Double> mean, List<Double> std) {}
