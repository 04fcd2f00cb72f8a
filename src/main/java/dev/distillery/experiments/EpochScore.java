package dev.distillery.experiments;

/** One student epoch's test accuracies: the run's best so far, or its latest. */
public record EpochScore(int epoch, double testTop1, double testTop5) {}
