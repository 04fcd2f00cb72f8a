package dev.distillery.training;

/** Receives each epoch's metrics as soon as the epoch is evaluated. */
@FunctionalInterface
public interface EpochListener {
    void onEpoch(EpochMetrics metrics);
}
