package dev.distillery.experiments;

import dev.distillery.shared.DatabaseFailures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Queue depth for monitoring: {@code distillery_experiments{status=...}}, the number of experiments in each status,
 * read from the experiments table (the source of truth). One grouped query serves every status of a scrape (at most
 * one a second): while the database cannot be reached a scrape waits for it once, not once per status, and the
 * gauges read NaN while the JVM's and the workers' own meters still report.
 */
@Component
class ExperimentMeters implements MeterBinder {

    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final ExperimentRepository experiments;
    private Counts counts;

    ExperimentMeters(ExperimentRepository experiments) {
        this.experiments = experiments;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ExperimentStatus status : ExperimentStatus.values()) {
            Gauge.builder("distillery.experiments", this, meters -> meters.count(status))
                    .tag("status", status.name())
                    .description("experiments in this status")
                    .register(registry);
        }
    }

    private double count(ExperimentStatus status) {
        Map<ExperimentStatus, Long> byStatus = counts().byStatus();
        return byStatus == null ? Double.NaN : byStatus.getOrDefault(status, 0L);
    }

    private synchronized Counts counts() {
        if (counts == null || System.nanoTime() - counts.readAtNanos() > FRESH_NANOS) {
            Map<ExperimentStatus, Long> byStatus = read();
            // from the end of the read: a read that waited for an unreachable database serves the whole scrape
            counts = new Counts(System.nanoTime(), byStatus);
        }
        return counts;
    }

    /** The number of experiments per status; null when the database cannot be reached. */
    private Map<ExperimentStatus, Long> read() {
        try {
            Map<ExperimentStatus, Long> byStatus = new EnumMap<>(ExperimentStatus.class);
            experiments.countPerStatus().forEach(row -> byStatus.put((ExperimentStatus) row[0], (Long) row[1]));
            return byStatus;
        } catch (RuntimeException failure) {
            if (DatabaseFailures.unreachable(failure)) {
                return null;
            }
            throw failure;
        }
    }

    private record Counts(long readAtNanos, Map<ExperimentStatus, Long> byStatus) {}
}
