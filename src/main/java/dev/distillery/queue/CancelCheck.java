package dev.distillery.queue;

import dev.distillery.experiments.ExperimentLifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Asked between batches whether the run must stop: the worker thread was interrupted (shutdown) or
 * a user asked to cancel. The database is read at most once per interval, not once per batch.
 */
final class CancelCheck implements BooleanSupplier {

    private final UUID experimentId;
    private final ExperimentLifecycle lifecycle;
    private final Clock clock;
    private final Duration interval;
    private Instant nextRead;
    private boolean requested;

    CancelCheck(UUID experimentId, ExperimentLifecycle lifecycle, Clock clock, Duration interval) {
        this.experimentId = experimentId;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.interval = interval;
        this.nextRead = clock.instant();
    }

    @Override
    public boolean getAsBoolean() {
        return Thread.currentThread().isInterrupted() || cancelRequested();
    }

    /** Whether the stop was a user's cancel (as opposed to a shutdown). */
    boolean cancelRequested() {
        if (!requested && !clock.instant().isBefore(nextRead)) {
            nextRead = clock.instant().plus(interval);
            try {
                requested = lifecycle.cancelRequested(experimentId);
            } catch (RuntimeException failure) {
                if (!DatabaseRetry.unreachable(failure)) {
                    throw failure;
                }
                // the database is away: no cancel can be read, the run goes on and asks again later
            }
        }
        return requested;
    }
}
