package dev.distillery.queue;

import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.experiments.StartedRun;
import dev.distillery.experiments.SupersededAttemptException;
import dev.distillery.tracking.Checkpointing;
import dev.distillery.training.TrainingOutcome;
import dev.distillery.training.TrainingService;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Runs one experiment on the calling worker thread: takes it, trains it epoch by epoch (each
 * epoch's metrics in their own transaction) and records how it ended. Never throws: a failed
 * training is a FAILED experiment, not a failed queue execution. Every write names the attempt this worker started;
 * once a later attempt has taken the run up (this worker was cut off past the dead-worker limit), the worker stops
 * without writing anything more for it.
 */
@Component
class ExperimentRunner {

    private static final Logger log = LoggerFactory.getLogger(ExperimentRunner.class);
    private static final int START_ATTEMPTS = 3;

    private final ExperimentLifecycle lifecycle;
    private final TrainingService training;
    private final Checkpointing checkpointing;
    private final QueueProperties properties;
    private final Clock clock;
    private final WorkerMeters meters;
    private final WorkerShutdown shutdown;
    private final DeviceLeases leases;
    private final DatabaseRetry retry;

    ExperimentRunner(
            ExperimentLifecycle lifecycle,
            TrainingService training,
            Checkpointing checkpointing,
            QueueProperties properties,
            Clock clock,
            WorkerMeters meters,
            WorkerShutdown shutdown,
            DeviceLeases leases) {
        this.leases = leases;
        this.retry = new DatabaseRetry(properties.databaseRetry());
        this.meters = meters;
        this.shutdown = shutdown;
        this.lifecycle = lifecycle;
        this.training = training;
        this.checkpointing = checkpointing;
        this.properties = properties;
        this.clock = clock;
    }

    /** How a run ended for the queue. */
    enum RunEnd {
        /** Ended (or not runnable any more): its queue entry goes. */
        DONE,
        /**
         * Not run by this worker: it needs a GPU and this worker's device is the CPU, or it could not be taken (e.g.
         * the database was unreachable); the queue offers it again later.
         */
        OFFER_AGAIN,
        /** A later attempt took the run up while this worker was cut off: the queue entry is the new owner's. */
        SUPERSEDED
    }

    /** Runs the experiment on a leased device. */
    RunEnd run(UUID id) {
        try (DeviceLeases.Lease lease = leases.acquire()) {
            if (lifecycle.needsGpu(id) && !lease.isGpu()) {
                return RunEnd.OFFER_AGAIN;
            }
            return run(id, lease);
        } catch (InterruptedException shutdown) {
            Thread.currentThread().interrupt();
            return RunEnd.OFFER_AGAIN;
        } catch (RuntimeException unreadable) {
            log.warn("Experiment {} could not be read; it is offered again later", id, unreadable);
            return RunEnd.OFFER_AGAIN;
        }
    }

    private RunEnd run(UUID id, DeviceLeases.Lease lease) {
        Optional<StartedRun> started;
        try {
            started = start(id, lease.name());
        } catch (RuntimeException notTaken) {
            log.warn("Experiment {} could not be started; it is offered again later", id, notTaken);
            return RunEnd.OFFER_AGAIN;
        }
        if (started.isEmpty()) {
            log.info("Experiment {} is no longer runnable; skipped", id);
            return RunEnd.DONE;
        }
        log.info(
                "Experiment {} started on {} (attempt {}): {}",
                id,
                lease.name(),
                started.get().attempt(),
                started.get().plan());
        try {
            train(id, lease, started.get());
            return RunEnd.DONE;
        } catch (SupersededAttemptException superseded) {
            log.warn("Experiment {}: this worker stops without writing more: {}", id, superseded.getMessage());
            return RunEnd.SUPERSEDED;
        }
    }

    private void train(UUID id, DeviceLeases.Lease lease, StartedRun run) {
        int attempt = run.attempt();
        CancelCheck stop = new CancelCheck(id, lifecycle, clock, properties.cancelCheckInterval());
        meters.running(lease.name(), +1);
        try {
            TrainingOutcome outcome = training.train(
                    run.plan(),
                    new RecordingListener(
                            id,
                            attempt,
                            lease.name(),
                            lifecycle,
                            checkpointing,
                            meters,
                            shutdown,
                            clock,
                            properties.progressInterval(),
                            retry),
                    stop,
                    lease.device());
            if (outcome == TrainingOutcome.COMPLETED) {
                retry.run("experiment " + id + " succeeded", () -> lifecycle.succeed(id, attempt));
                log.info("Experiment {} succeeded", id);
            } else if (stop.cancelRequested()) {
                retry.run("experiment " + id + " cancelled", () -> lifecycle.cancelled(id, attempt));
                log.info("Experiment {} cancelled", id);
            } else {
                requeue(id, attempt);
            }
        } catch (WorkerShutdown.Stopping stopping) {
            requeue(id, attempt);
        } catch (RuntimeException | Error failure) {
            Optional<SupersededAttemptException> superseded = superseded(failure);
            if (superseded.isPresent()) {
                throw superseded.get();
            }
            log.warn("Experiment {} failed", id, failure);
            retry.run("experiment " + id + " failed", () -> lifecycle.fail(id, attempt, reason(failure)));
        } finally {
            meters.running(lease.name(), -1);
        }
    }

    /** The engine wraps what a listener throws inside a batch (live progress) in a TrainingException. */
    private static Optional<SupersededAttemptException> superseded(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SupersededAttemptException superseded) {
                return Optional.of(superseded);
            }
        }
        return Optional.empty();
    }

    private void requeue(UUID id, int attempt) {
        retry.run("experiment " + id + " requeued", () -> lifecycle.requeue(id, attempt));
        log.info("Experiment {} stopped by shutdown; queued again to resume from its last checkpoint", id);
    }

    /** A cancel may commit between reading and starting the experiment; read it again then. */
    private Optional<StartedRun> start(UUID id, String device) {
        for (int attempt = 1; ; attempt++) {
            try {
                return lifecycle.start(id, device);
            } catch (OptimisticLockingFailureException concurrentChange) {
                if (attempt == START_ATTEMPTS) {
                    throw concurrentChange;
                }
            }
        }
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
