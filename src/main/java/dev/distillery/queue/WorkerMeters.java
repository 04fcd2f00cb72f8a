package dev.distillery.queue;

import dev.distillery.training.EpochMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * What this instance's workers are doing, for monitoring: experiments running here (per device),
 * epoch durations and training throughput.
 */
@Component
class WorkerMeters {

    private static final String DEVICE = "cpu";

    private final AtomicInteger running = new AtomicInteger();
    private final Timer epochDuration;
    private final DistributionSummary samplesPerSecond;

    WorkerMeters(MeterRegistry registry) {
        registry.gauge(
                "distillery.running.experiments",
                java.util.List.of(io.micrometer.core.instrument.Tag.of("device", DEVICE)),
                running);
        epochDuration = Timer.builder("distillery.epoch.duration")
                .description("wall time of one training epoch")
                .tag("device", DEVICE)
                .register(registry);
        samplesPerSecond = DistributionSummary.builder("distillery.training.samples.per.second")
                .description("training throughput of one epoch")
                .tag("device", DEVICE)
                .register(registry);
    }

    void running(int delta) {
        running.addAndGet(delta);
    }

    void epoch(EpochMetrics metrics) {
        epochDuration.record(Duration.ofNanos((long) (metrics.epochSeconds() * 1e9)));
        samplesPerSecond.record(metrics.samplesPerSecond());
    }
}
