package dev.distillery.training.engine;

import dev.distillery.training.EpochListener;
import dev.distillery.training.TrainingException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What a run checks between batches: whether cancellation was requested (the run then stops, CANCELLED) and
 * whether its wall-time limit ({@code training.maxMinutes}, counted from the start of this attempt) has passed (the
 * run then fails).
 */
final class RunControl {

    private final BooleanSupplier cancel;
    private final Integer maxMinutes;
    private final LongSupplier nanoClock;
    private final long start;
    private EpochListener progress = new EpochListener() {
        @Override
        public void onEpoch(dev.distillery.training.EpochMetrics metrics) {}
    };

    private RunControl(BooleanSupplier cancel, Integer maxMinutes, LongSupplier nanoClock) {
        this.cancel = cancel;
        this.maxMinutes = maxMinutes;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /** Starts the clock now. @param maxMinutes null for no limit */
    static RunControl start(BooleanSupplier cancel, Integer maxMinutes, LongSupplier nanoClock) {
        return new RunControl(cancel, maxMinutes, nanoClock);
    }

    /** Cancellation only, no time limit. */
    static RunControl cancelOnly(BooleanSupplier cancel) {
        return new RunControl(cancel, null, () -> 0L);
    }

    /** Reports batch progress to {@code listener}. */
    RunControl reportingTo(EpochListener listener) {
        this.progress = listener;
        return this;
    }

    /** A training batch finished. */
    void batchDone(String phase, int epoch, int step, int steps) {
        progress.onBatch(phase, epoch, step, steps);
    }

    /** Whether cancellation was requested (asks the caller's supplier once). */
    boolean cancelled() {
        return cancel.getAsBoolean();
    }

    /**
     * Fails the run when its time is up.
     *
     * @param step  the steps of {@code epoch} completed so far
     * @throws TrainingException "… exceeded training.maxMinutes=N after epoch E, step S of T …"
     */
    void checkTime(String phase, int epoch, int step, int steps, String activity) {
        if (maxMinutes == null) {
            return;
        }
        long elapsed = nanoClock.getAsLong() - start;
        if (elapsed >= TimeUnit.MINUTES.toNanos(maxMinutes)) {
            throw new TrainingException(String.format(
                    Locale.ROOT,
                    "%s exceeded training.maxMinutes=%d after epoch %d, step %d of %d%s (%.1f minutes elapsed); "
                            + "the run was stopped",
                    phase,
                    maxMinutes,
                    epoch,
                    step,
                    steps,
                    activity == null ? "" : " " + activity,
                    elapsed / 60e9));
        }
    }
}
