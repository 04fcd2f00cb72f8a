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
 * (atomic files, including the training state to resume from), then metrics and checkpoint records
 * in one transaction. A crash between the two leaves the previous state recorded: the epoch is
 * trained again, deterministically, and recorded once.
 */
final class RecordingListener implements EpochListener {

    private final UUID experimentId;
    private final ExperimentLifecycle lifecycle;
    private final Checkpointing checkpointing;
    private final WorkerMeters meters;

    RecordingListener(UUID experimentId, ExperimentLifecycle lifecycle, Checkpointing checkpointing,
            WorkerMeters meters) {
        this.experimentId = experimentId;
        this.lifecycle = lifecycle;
        this.checkpointing = checkpointing;
        this.meters = meters;
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        lifecycle.recordEpoch(experimentId, metrics);
        meters.epoch(metrics);
    }

    @Override
    public void onStudentEpoch(EpochMetrics metrics, ParameterWriter parameters, ParameterWriter trainingState) {
        boolean best = lifecycle.isBest(experimentId, metrics.testTop1());
        List<CheckpointRecord> written = checkpointing.save(experimentId, metrics.epoch(), best, parameters,
                trainingState);
        lifecycle.recordStudentEpoch(experimentId, metrics, written);
        checkpointing.prune(experimentId, metrics.epoch());
        meters.epoch(metrics);
    }
}
