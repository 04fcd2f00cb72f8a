package dev.distillery.queue;

import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.experiments.SupersededAttemptException;
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
 * while saving it is logged and the run goes on. Every write names this worker's attempt; once a later attempt has
 * started, the write is refused and {@link SupersededAttemptException} ends the training.
 */
final class RecordingListener implements EpochListener {

    private static final Logger log = LoggerFactory.getLogger(RecordingListener.class);

    private final UUID experimentId;
    private final int attempt;
    private final String device;
    private final ExperimentLifecycle lifecycle;
    private final Checkpointing checkpointing;
    private final WorkerMeters meters;
    private final WorkerShutdown shutdown;
    private final Clock clock;
    private final Duration progressInterval;
    private final DatabaseRetry retry;
    private Instant nextProgress;

    RecordingListener(
            UUID experimentId,
            int attempt,
            String device,
            ExperimentLifecycle lifecycle,
            Checkpointing checkpointing,
            WorkerMeters meters,
            WorkerShutdown shutdown,
            Clock clock,
            Duration progressInterval,
            DatabaseRetry retry) {
        this.retry = retry;
        this.clock = clock;
        this.progressInterval = progressInterval;
        this.nextProgress = clock.instant().plus(progressInterval);
        this.shutdown = shutdown;
        this.experimentId = experimentId;
        this.attempt = attempt;
        this.device = device;
        this.lifecycle = lifecycle;
        this.checkpointing = checkpointing;
        this.meters = meters;
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        record(metrics, () -> lifecycle.recordEpoch(experimentId, attempt, metrics));
        meters.epoch(device, metrics);
    }

    @Override
    public void onTeacherScore(double top1, double top5) {
        retry.run(
                "experiment " + experimentId + " teacher score",
                () -> lifecycle.recordTeacherScore(experimentId, attempt, top1, top5));
    }

    /** Student batches move the experiment's live progress, at most once per progress interval. */
    @Override
    public void onBatch(String phase, int epoch, int step, int steps) {
        if (EpochMetrics.STUDENT.equals(phase) && !clock.instant().isBefore(nextProgress)) {
            nextProgress = clock.instant().plus(progressInterval);
            try {
                lifecycle.recordBatchProgress(experimentId, attempt, (double) step / steps);
            } catch (SupersededAttemptException superseded) {
                throw superseded;
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
        boolean best = retry.run(
                "experiment " + experimentId + " best epoch", () -> lifecycle.isBest(experimentId, attempt, metrics));
        List<CheckpointRecord> written =
                checkpointing.save(experimentId, metrics.epoch(), best, parameters, trainingState);
        record(metrics, () -> lifecycle.recordStudentEpoch(experimentId, attempt, metrics, written));
        try {
            lifecycle.pruneTrainingStates(experimentId, attempt, metrics.epoch());
        } catch (RuntimeException notPruned) {
            if (!DatabaseRetry.unreachable(notPruned)) {
                throw notPruned;
            }
            log.warn("Experiment {}: old training states not pruned now (database unreachable)", experimentId);
        }
        meters.epoch(device, metrics);
        stopIfShuttingDown();
    }

    /**
     * Writes an epoch, retrying while the database is unreachable; a retry first checks whether an earlier attempt
     * committed after all (its answer lost), so every epoch is recorded exactly once.
     */
    private void record(EpochMetrics metrics, Runnable write) {
        boolean[] tried = {false};
        retry.run("experiment " + experimentId + " " + metrics.phase() + " epoch " + metrics.epoch(), () -> {
            if (!tried[0] || !lifecycle.isRecorded(experimentId, attempt, metrics)) {
                tried[0] = true;
                write.run();
            }
        });
    }
}
