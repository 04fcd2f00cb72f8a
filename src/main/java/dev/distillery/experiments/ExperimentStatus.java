package dev.distillery.experiments;

/** Where an experiment is in its life: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED. */
public enum ExperimentStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
