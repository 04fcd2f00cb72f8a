package dev.distillery.queue;

import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.tracking.CheckpointRecord;
import dev.distillery.tracking.Checkpointing;
import dev.distillery.training.EpochListener;
import dev.distillery.training.EpochMetrics;
import java.util.List;
import java.util.UUID;

/**
 * Persists a run as it goes: every epoch's metrics, and for student epochs the checkpoints first
 * (atomic files), then metrics and checkpoint records in one transaction.
 */
final class RecordingListener implements EpochListener {

    private final UUID experimentId;
    private final ExperimentLifecycle lifecycle;
    private final Checkpointing checkpointing;

    RecordingListener(UUID experimentId, ExperimentLifecycle lifecycle, Checkpointing checkpointing) {
        this.experimentId = experimentId;
        this.lifecycle = lifecycle;
        this.checkpointing = checkpointing;
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        lifecycle.recordEpoch(experimentId, metrics);
    }

    @Override
    public void onStudentEpoch(EpochMetrics metrics, ParameterWriter parameters) {
        boolean best = lifecycle.isBest(experimentId, metrics.testTop1());
        List<CheckpointRecord> written = checkpointing.save(experimentId, metrics.epoch(), best, parameters);
        lifecycle.recordStudentEpoch(experimentId, metrics, written);
    }
}
