package dev.distillery.experiments;

import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.Specs;
import dev.distillery.training.EpochMetrics;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Experiments for plain unit tests, brought into a status through the transitions the service uses. */
public final class Experiments {

    public static final Instant SUBMITTED = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant STARTED = Instant.parse("2025-01-01T01:00:00Z");

    private Experiments() {}

    /** An experiment of {@code spec} (stored as {@code specJson}) in {@code status}. */
    public static Experiment in(ExperimentStatus status, ExperimentSpec spec, String specJson) {
        Experiment experiment =
                Experiment.submitted(UUID.randomUUID(), spec, specJson, status == ExperimentStatus.WAITING, SUBMITTED);
        switch (status) {
            case WAITING, QUEUED -> {}
            case RUNNING -> experiment.start(STARTED, "cpu");
            case SUCCEEDED -> {
                experiment.start(STARTED, "cpu");
                experiment.succeed(STARTED);
            }
            case FAILED -> {
                experiment.start(STARTED, "cpu");
                experiment.fail("diverged", STARTED);
            }
            case CANCELLED -> experiment.cancel(STARTED);
            default -> throw new IllegalArgumentException(status.name());
        }
        return experiment;
    }

    /** A run that recorded these student epochs and then ended in {@code status}. */
    public static Experiment endedWith(ExperimentStatus status, EpochMetrics... epochs) {
        Experiment experiment = in(
                ExperimentStatus.RUNNING,
                Specs.resolved("ce", "mlp", "synthetic").build(),
                "{}");
        for (EpochMetrics epoch : epochs) {
            experiment.recordEpoch(epoch);
        }
        switch (status) {
            case RUNNING -> {}
            case SUCCEEDED -> experiment.succeed(STARTED);
            case FAILED -> experiment.fail("diverged", STARTED);
            case CANCELLED -> experiment.cancelled(STARTED);
            default -> throw new IllegalArgumentException("a run cannot end " + status);
        }
        return experiment;
    }

    /**
     * A repository that finds these experiments by id (the map is read on each call) and does nothing else; a plain
     * proxy, so a test pays no mocking framework's start-up.
     */
    public static ExperimentRepository repository(Map<UUID, Experiment> experiments) {
        return (ExperimentRepository) Proxy.newProxyInstance(
                ExperimentRepository.class.getClassLoader(),
                new Class<?>[] {ExperimentRepository.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "findById" -> Optional.ofNullable(experiments.get((UUID) args[0]));
                    case "toString" -> "repository of " + experiments.keySet();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A student epoch with this test top-1 (top-5 0.9, finite losses). */
    public static EpochMetrics epoch(int epoch, double testTop1) {
        return new EpochMetrics(epoch, 1.0, 0.5, 1.1, testTop1, 0.9, 0.05, 1.0, 100.0);
    }

    /** A student epoch whose test loss went NaN: neither best nor last. */
    public static EpochMetrics invalidEpoch(int epoch) {
        return new EpochMetrics(epoch, 1.0, 0.5, Double.NaN, 1.0, 1.0, 0.05, 1.0, 100.0);
    }
}
