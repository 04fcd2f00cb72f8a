package dev.distillery.experiments;

import java.time.Instant;
import java.util.UUID;

/** Published inside the submitting transaction: this experiment waits to be run. */
public record ExperimentQueued(UUID experimentId, int priority, Instant queuedAt) {}
