package dev.distillery.training;

/** What one finished epoch measured. Accuracies are fractions in [0, 1]; epochs count from 1. */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainTop1,
        double testLoss,
        double testTop1,
        double testTop5,
        double learningRate,
        double epochSeconds,
        double samplesPerSecond) {
}
