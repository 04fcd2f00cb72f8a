package dev.distillery.queue;

import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.tracking.Checkpointing;
import dev.distillery.training.TrainingOutcome;
import dev.distillery.training.TrainingPlan;
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
 * training is a FAILED experiment, not a failed queue execution.
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

    /**
     * Runs the experiment on a leased device.
     *
     * @return false when this worker did not run it: it needs a GPU and this worker's device is the CPU, or it could
     *     not be taken (e.g. the database was unreachable); the queue offers it again later
     */
    boolean run(UUID id) {
        try (DeviceLeases.Lease lease = leases.acquire()) {
            if (lifecycle.needsGpu(id) && !lease.isGpu()) {
                return false;
            }
            return run(id, lease);
        } catch (InterruptedException shutdown) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException unreadable) {
            log.warn("Experiment {} could not be read; it is offered again later", id, unreadable);
            return false;
        }
    }

    private boolean run(UUID id, DeviceLeases.Lease lease) {
        Optional<TrainingPlan> plan;
        try {
            plan = start(id, lease.name());
        } catch (RuntimeException notTaken) {
            log.warn("Experiment {} could not be started; it is offered again later", id, notTaken);
            return false;
        }
        if (plan.isEmpty()) {
            log.info("Experiment {} is no longer runnable; skipped", id);
            return true;
        }
        log.info("Experiment {} started on {}: {}", id, lease.name(), plan.get());
        train(id, lease, plan.get());
        return true;
    }

    private void train(UUID id, DeviceLeases.Lease lease, TrainingPlan plan) {
        CancelCheck stop = new CancelCheck(id, lifecycle, clock, properties.cancelCheckInterval());
        meters.running(lease.name(), +1);
        try {
            TrainingOutcome outcome = training.train(
                    plan,
                    new RecordingListener(
                            id,
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
                retry.run("experiment " + id + " succeeded", () -> lifecycle.succeed(id));
                log.info("Experiment {} succeeded", id);
            } else if (stop.cancelRequested()) {
                retry.run("experiment " + id + " cancelled", () -> lifecycle.cancelled(id));
                log.info("Experiment {} cancelled", id);
            } else {
                requeue(id);
            }
        } catch (WorkerShutdown.Stopping stopping) {
            requeue(id);
        } catch (RuntimeException | Error failure) {
            log.warn("Experiment {} failed", id, failure);
            retry.run("experiment " + id + " failed", () -> lifecycle.fail(id, reason(failure)));
        } finally {
            meters.running(lease.name(), -1);
        }
    }

    private void requeue(UUID id) {
        retry.run("experiment " + id + " requeued", () -> lifecycle.requeue(id));
        log.info("Experiment {} stopped by shutdown; queued again to resume from its last checkpoint", id);
    }

    /** A cancel may commit between reading and starting the experiment; read it again then. */
    private Optional<TrainingPlan> start(UUID id, String device) {
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
