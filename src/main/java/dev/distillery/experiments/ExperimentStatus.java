package dev.distillery.experiments;

import org.springframework.modulith.NamedInterface;

/**
 * Where an experiment is in its life: (WAITING for its teacher experiment →) QUEUED → RUNNING →
 * SUCCEEDED | FAILED | CANCELLED.
 */
@NamedInterface("queries")
public enum ExperimentStatus {
    WAITING,
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
