package dev.distillery.queue;

import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.TrainingSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Tiny real experiments for queue tests, and waiting for them to end. */
final class TinyExperiments {

    private TinyExperiments() {}

    /** An mlp trained with ce on a few hundred synthetic images. */
    static ExperimentSpec spec(String name, int epochs, long seed, int priority) {
        return spec(name, "mlp", epochs, seed, priority);
    }

    /** {@code architecture} trained with ce on 256 synthetic images, tested on 64. */
    static ExperimentSpec spec(String name, String architecture, int epochs, long seed, int priority) {
        return new ExperimentSpec(
                name,
                "ce",
                null,
                new ExperimentSpec.ModelSpec(architecture),
                new ExperimentSpec.DatasetSpec("synthetic", null, 256, 64),
                null,
                null,
                null,
                new TrainingSpec(epochs, 32, null, 0.01, null, null, null, null, null, null),
                null,
                seed,
                priority,
                null,
                null);
    }

    static List<ExperimentSummary> awaitTerminal(ExperimentQueries queries, List<UUID> ids)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            List<ExperimentSummary> experiments = ids.stream().map(queries::get).toList();
            if (experiments.stream().allMatch(e -> e.status().isTerminal())
                    || Instant.now().isAfter(deadline)) {
                return experiments;
            }
            Thread.sleep(200);
        }
    }
}
