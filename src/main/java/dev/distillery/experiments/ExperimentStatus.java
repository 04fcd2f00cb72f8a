package dev.distillery.experiments;

/**
 * Where an experiment is in its life: (WAITING for its teacher experiment →) QUEUED → RUNNING →
 * SUCCEEDED | FAILED | CANCELLED.
 */
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
