package dev.distillery.experiments;

import dev.distillery.training.TrainingPlan;
import org.springframework.modulith.NamedInterface;

/**
 * A run a worker has taken: what to train, and the attempt number that fences its writes. Every write of the run
 * names the attempt and is refused once a later attempt has started ({@link SupersededAttemptException}).
 */
@NamedInterface("lifecycle")
public record StartedRun(TrainingPlan plan, int attempt) {}
