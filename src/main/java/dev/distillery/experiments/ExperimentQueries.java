package dev.distillery.experiments;

import dev.distillery.shared.NotFoundException;
import dev.distillery.tracking.MetricsStore;
import dev.distillery.training.EpochMetrics;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads experiments, their resolved specs and metrics. */
@Service
@Transactional(readOnly = true)
public class ExperimentQueries {

    private final ExperimentRepository experiments;
    private final MetricsStore metrics;
    private final SpecCodec codec;

    ExperimentQueries(ExperimentRepository experiments, MetricsStore metrics, SpecCodec codec) {
        this.experiments = experiments;
        this.metrics = metrics;
        this.codec = codec;
    }

    public Experiment get(UUID id) {
        return experiments.findById(id).orElseThrow(() -> new NotFoundException("no experiment with id " + id));
    }

    public ExperimentSpec spec(Experiment experiment) {
        return codec.read(experiment.specJson());
    }

    public Page<Experiment> search(ExperimentSearch search, Pageable page) {
        return experiments.findAll(search.toSpecification(), page);
    }

    public List<EpochMetrics> metrics(UUID id) {
        get(id);
        return metrics.history(id);
    }
}
