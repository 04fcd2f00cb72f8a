package dev.distillery.experiments;

import java.time.Instant;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;

/** Published inside the submitting transaction: this experiment waits to be run. */
@NamedInterface("lifecycle")
public record ExperimentQueued(UUID experimentId, int priority, Instant queuedAt) {}
