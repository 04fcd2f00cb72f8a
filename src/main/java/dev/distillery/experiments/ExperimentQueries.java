package dev.distillery.experiments;

import dev.distillery.experiments.spec.SpecCodec;
import dev.distillery.shared.NotFoundException;
import dev.distillery.tracking.CheckpointRecord;
import dev.distillery.tracking.CheckpointRecords;
import dev.distillery.tracking.CheckpointStore;
import dev.distillery.tracking.MetricsStore;
import dev.distillery.training.EpochMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads experiments, their resolved specs and metrics. */
@NamedInterface("queries")
@Service
@Transactional(readOnly = true)
public class ExperimentQueries {

    private final ExperimentRepository experiments;
    private final MetricsStore metrics;
    private final SpecCodec codec;
    private final CheckpointRecords checkpoints;
    private final CheckpointStore store;

    ExperimentQueries(
            ExperimentRepository experiments,
            MetricsStore metrics,
            SpecCodec codec,
            CheckpointRecords checkpoints,
            CheckpointStore store) {
        this.experiments = experiments;
        this.metrics = metrics;
        this.codec = codec;
        this.checkpoints = checkpoints;
        this.store = store;
    }

    /** How many experiments wait, are queued or run on the dataset named {@code dataset}. */
    public long activeOnDataset(String dataset) {
        return experiments.countActiveOnDataset(dataset);
    }

    /** The experiment; 404 when there is none with this id. */
    public ExperimentSummary get(UUID id) {
        return summary(load(id));
    }

    private Experiment load(UUID id) {
        return experiments.findById(id).orElseThrow(() -> new NotFoundException("no experiment with id " + id));
    }

    /** The experiments with these ids, in this order; 404 naming every unknown id. */
    public List<ExperimentSummary> summaries(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Map<UUID, Experiment> found = new java.util.HashMap<>();
        experiments.findAllWithTags(ids).forEach(e -> found.put(e.id(), e));
        List<UUID> unknown =
                ids.stream().filter(id -> !found.containsKey(id)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new NotFoundException("no experiment with id "
                    + unknown.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(", ")));
        }
        return ids.stream().map(found::get).map(this::summary).toList();
    }

    private ExperimentSummary summary(Experiment experiment) {
        return ExperimentSummary.of(experiment, codec.read(experiment.specJson()));
    }

    public Page<ExperimentSummary> search(ExperimentSearch search, Pageable page) {
        return experiments.findAll(search.toSpecification(), page).map(this::summary);
    }

    public List<EpochMetrics> metrics(UUID id) {
        return history(id).epochs();
    }

    /** The per-epoch history, oldest first, and whether the run had ended before it was read (then it is whole). */
    public History history(UUID id) {
        boolean ended = load(id).status().isTerminal();
        return new History(metrics.history(id), ended);
    }

    /** An experiment's epochs; {@code ended}: the run had ended when they were read, so no epoch will be added. */
    public record History(List<EpochMetrics> epochs, boolean ended) {}

    public List<CheckpointRecord> checkpoints(UUID id) {
        load(id);
        return checkpoints.list(id);
    }

    public Optional<CheckpointRecord> checkpoint(UUID id, String name) {
        load(id);
        return checkpoints.find(id, name);
    }

    /** The checkpoint's bytes; the caller closes the stream. */
    public InputStream openCheckpoint(UUID id, String name) {
        try {
            return store.open(id, name);
        } catch (IOException missing) {
            throw new NotFoundException("the file of checkpoint '" + name + "' of experiment " + id
                    + " is not available: " + missing.getMessage());
        }
    }
}
