package dev.distillery.experiments;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Queue depth for monitoring: {@code distillery_experiments{status=...}}, the number of experiments
 * in each status, read from the experiments table (the source of truth) at each scrape.
 */
@Component
class ExperimentMeters implements MeterBinder {

    private final ExperimentRepository experiments;

    ExperimentMeters(ExperimentRepository experiments) {
        this.experiments = experiments;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ExperimentStatus status : ExperimentStatus.values()) {
            Gauge.builder("distillery.experiments", experiments, repository -> repository.countByStatus(status))
                    .tag("status", status.name())
                    .description("experiments in this status")
                    .register(registry);
        }
    }
}
