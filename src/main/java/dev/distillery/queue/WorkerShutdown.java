package dev.distillery.queue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * SIGTERM handling for workers: when the service starts shutting down, running trainings finish
 * the epoch they are in, record it with its checkpoint and stop; their experiments go back to the
 * queue to resume from that checkpoint, here after a restart or on another worker. The scheduler
 * then waits up to {@code distillery.queue.shutdown-grace} before interrupting what is left.
 */
@Component
class WorkerShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** Whether runs should stop after their current epoch. */
    boolean stopping() {
        return stopping.get();
    }

    @Override
    public void start() {
        stopping.set(false);
        running.set(true);
    }

    @Override
    public void stop() {
        stopping.set(true);
        running.set(false);
        log.info("Shutting down: running trainings stop after their current epoch and are queued again");
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Early in shutdown, before the web server drains and long before the scheduler is stopped. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** Thrown after an epoch is recorded when the worker is shutting down. */
    static final class Stopping extends RuntimeException {
        Stopping() {
            super("worker shutting down", null, false, false);
        }
    }
}
