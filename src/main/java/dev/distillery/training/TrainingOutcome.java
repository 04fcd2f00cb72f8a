package dev.distillery.training;

/** How a run ended: all epochs done, or stopped early because cancellation was requested. */
public enum TrainingOutcome {
    COMPLETED,
    CANCELLED
}
