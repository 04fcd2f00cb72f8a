package dev.distillery.comparison;

import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.training.EpochMetrics;
import java.util.Map;
import java.util.UUID;

/** Plays a worker in tests: starts a queued experiment, records its epochs' test top-1 and finishes it. */
public final class SimulatedRuns {

    private final ExperimentLifecycle lifecycle;

    public SimulatedRuns(ExperimentLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Epoch i (from 1) gets test top-1 {@code top1[i-1]}, top-5 0.9, train loss 2/i and kd loss term 1/i. */
    public void finish(UUID id, double... top1) {
        int attempt = start(id);
        for (int i = 1; i <= top1.length; i++) {
            record(id, attempt, i, top1[i - 1]);
        }
        lifecycle.succeed(id, attempt);
    }

    /** Starts the queued experiment; its attempt. */
    public int start(UUID id) {
        return lifecycle.start(id, "cpu").orElseThrow().attempt();
    }

    /** Records {@code epoch} with test top-1 {@code top1}, top-5 0.9, train loss 2/epoch and kd loss term 1/epoch. */
    public void record(UUID id, int attempt, int epoch, double top1) {
        lifecycle.recordEpoch(
                id,
                attempt,
                new EpochMetrics(
                        epoch,
                        2.0 / epoch,
                        0.5,
                        1.0,
                        top1,
                        0.9,
                        0.05,
                        1.5,
                        1000.0 * epoch,
                        EpochMetrics.STUDENT,
                        Map.of("kd", 1.0 / epoch),
                        null));
    }
}
