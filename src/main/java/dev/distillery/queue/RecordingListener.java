package dev.distillery.queue;

import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.tracking.CheckpointRecord;
import dev.distillery.tracking.Checkpointing;
import dev.distillery.training.EpochListener;
import dev.distillery.training.EpochMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists a run as it goes: every epoch's metrics, and for student epochs the checkpoints first
 * (atomic files, including the training state to resume from), then metrics and checkpoint records
 * in one transaction. A crash between the two leaves the previous state recorded: the epoch is
 * trained again, deterministically, and recorded once. Live batch progress is best-effort: a database error
 * while saving it is logged and the run goes on.
 */
final class RecordingListener implements EpochListener {

    private static final Logger log = LoggerFactory.getLogger(RecordingListener.class);

    private final UUID experimentId;
    private final String device;
    private final ExperimentLifecycle lifecycle;
    private final Checkpointing checkpointing;
    private final WorkerMeters meters;
    private final WorkerShutdown shutdown;
    private final Clock clock;
    private final Duration progressInterval;
    private Instant nextProgress;

    RecordingListener(
            UUID experimentId,
            String device,
            ExperimentLifecycle lifecycle,
            Checkpointing checkpointing,
            WorkerMeters meters,
            WorkerShutdown shutdown,
            Clock clock,
            Duration progressInterval) {
        this.clock = clock;
        this.progressInterval = progressInterval;
        this.nextProgress = clock.instant().plus(progressInterval);
        this.shutdown = shutdown;
        this.experimentId = experimentId;
        this.device = device;
        this.lifecycle = lifecycle;
        this.checkpointing = checkpointing;
        this.meters = meters;
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        lifecycle.recordEpoch(experimentId, metrics);
        meters.epoch(device, metrics);
    }

    @Override
    public void onTeacherScore(double top1, double top5) {
        lifecycle.recordTeacherScore(experimentId, top1, top5);
    }

    /** Student batches move the experiment's live progress, at most once per progress interval. */
    @Override
    public void onBatch(String phase, int epoch, int step, int steps) {
        if (EpochMetrics.STUDENT.equals(phase) && !clock.instant().isBefore(nextProgress)) {
            nextProgress = clock.instant().plus(progressInterval);
            try {
                lifecycle.recordBatchProgress(experimentId, (double) step / steps);
            } catch (RuntimeException notSaved) {
                log.warn(
                        "Experiment {}: live progress not saved, training goes on ({})",
                        experimentId,
                        notSaved.toString());
            }
        }
    }

    private void stopIfShuttingDown() {
        if (shutdown.stopping()) {
            throw new WorkerShutdown.Stopping();
        }
    }

    @Override
    public void onStudentEpoch(EpochMetrics metrics, ParameterWriter parameters, ParameterWriter trainingState) {
        boolean best = lifecycle.isBest(experimentId, metrics);
        List<CheckpointRecord> written =
                checkpointing.save(experimentId, metrics.epoch(), best, parameters, trainingState);
        lifecycle.recordStudentEpoch(experimentId, metrics, written);
        checkpointing.prune(experimentId, metrics.epoch());
        meters.epoch(device, metrics);
        stopIfShuttingDown();
    }
}
