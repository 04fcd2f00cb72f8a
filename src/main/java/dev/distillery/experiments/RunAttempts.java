package dev.distillery.experiments;

import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * How often a worker has taken the run, on which device the latest time, and since when the run counts as started.
 * Kept on the experiment row (same columns as before it was its own class).
 */
@Embeddable
class RunAttempts {

    private int attempts;
    private String device;
    private Instant startedAt;

    /**
     * A worker takes the run on {@code device}. An attempt that resumes recorded epochs keeps the first start time;
     * one that starts over starts the clock again.
     */
    void begin(Instant now, String device, boolean resumes) {
        attempts++;
        this.device = device;
        if (startedAt == null || !resumes) {
            startedAt = now;
        }
    }

    int count() {
        return attempts;
    }

    String device() {
        return device;
    }

    Instant startedAt() {
        return startedAt;
    }
}
