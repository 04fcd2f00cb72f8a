package dev.distillery.experiments;

import java.util.UUID;
import org.springframework.modulith.NamedInterface;

/**
 * A worker wrote for an attempt that is no longer the experiment's current one: it was cut off from the database for
 * longer than the dead-worker limit and another worker (or this instance again) took the run up as a later attempt.
 * Nothing was written; the superseded worker stops its training without touching the experiment again.
 */
@NamedInterface("lifecycle")
public class SupersededAttemptException extends RuntimeException {

    public SupersededAttemptException(UUID experimentId, int attempt) {
        super("experiment " + experimentId + ": attempt " + attempt
                + " was superseded by a later one (the run was taken up again while this worker was cut off)");
    }
}
