package dev.distillery.experiments;

import dev.distillery.shared.NotFoundException;
import dev.distillery.tracking.MetricsStore;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.TrainingPlan;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a worker does to an experiment, each step its own short transaction: take it, record an
 * epoch (metrics row and aggregate together), finish it.
 */
@Service
public class ExperimentLifecycle {

    private final ExperimentRepository experiments;
    private final MetricsStore metrics;
    private final SpecCodec codec;
    private final Clock clock;

    ExperimentLifecycle(ExperimentRepository experiments, MetricsStore metrics, SpecCodec codec, Clock clock) {
        this.experiments = experiments;
        this.metrics = metrics;
        this.codec = codec;
        this.clock = clock;
    }

    /** Marks the experiment RUNNING and returns its plan; empty when it is already finished or cancelled. */
    @Transactional
    public Optional<TrainingPlan> start(UUID id) {
        Experiment experiment = load(id);
        if (experiment.status().isTerminal()) {
            return Optional.empty();
        }
        if (experiment.attempts() > 0) {
            metrics.clear(id);
        }
        experiment.start(clock.instant());
        return Optional.of(TrainingPlans.of(codec.read(experiment.specJson())));
    }

    @Transactional
    public void recordEpoch(UUID id, EpochMetrics epoch) {
        metrics.record(id, epoch);
        load(id).recordEpoch(epoch);
    }

    @Transactional
    public void succeed(UUID id) {
        load(id).succeed(clock.instant());
    }

    @Transactional
    public void requeue(UUID id) {
        load(id).requeue();
    }

    @Transactional
    public void fail(UUID id, String reason) {
        load(id).fail(reason, clock.instant());
    }

    @Transactional(readOnly = true)
    public List<ExperimentQueued> queued() {
        return experiments.findAllById(experiments.findQueuedIds()).stream()
                .map(e -> new ExperimentQueued(e.id(), e.priority(), e.createdAt()))
                .toList();
    }

    private Experiment load(UUID id) {
        return experiments.findById(id).orElseThrow(() -> new NotFoundException("no experiment " + id));
    }
}
