package dev.distillery.experiments;

import org.springframework.modulith.NamedInterface;

/** One student epoch's test accuracies: the run's best so far, or its latest. */
@NamedInterface("queries")
public record EpochScore(int epoch, double testTop1, double testTop5) {}
