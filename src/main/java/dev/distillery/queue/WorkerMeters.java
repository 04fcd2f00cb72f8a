package dev.distillery.queue;

import dev.distillery.training.EpochMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * What this instance's workers are doing, for monitoring: experiments running here, epoch durations and training
 * throughput, each tagged with the device the run leased ({@code cpu}, {@code gpu0}, …). The devices of this
 * instance's slots are registered at start, so an idle instance shows 0 rather than nothing.
 */
@Component
class WorkerMeters {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    WorkerMeters(MeterRegistry registry, DeviceLeases leases) {
        this.registry = registry;
        Set<String> devices = new LinkedHashSet<>(leases.slots());
        if (devices.isEmpty()) {
            devices.add("cpu");
        }
        devices.forEach(device -> {
            gauge(device);
            epochDuration(device);
            samplesPerSecond(device);
        });
    }

    private AtomicInteger gauge(String device) {
        return running.computeIfAbsent(
                device,
                name -> registry.gauge("distillery.running.experiments", Tags.of("device", name), new AtomicInteger()));
    }

    /** A run started ({@code +1}) or ended ({@code -1}) on {@code device}. */
    void running(String device, int delta) {
        gauge(device).addAndGet(delta);
    }

    /** Experiments running here on {@code device} now. */
    int running(String device) {
        return gauge(device).get();
    }

    void epoch(String device, EpochMetrics metrics) {
        epochDuration(device).record(Duration.ofNanos((long) (metrics.epochSeconds() * 1e9)));
        samplesPerSecond(device).record(metrics.samplesPerSecond());
    }

    private Timer epochDuration(String device) {
        return Timer.builder("distillery.epoch.duration")
                .description("wall time of one training epoch")
                .tag("device", device)
                .register(registry);
    }

    private DistributionSummary samplesPerSecond(String device) {
        return DistributionSummary.builder("distillery.training.samples.per.second")
                .description("training throughput of one epoch")
                .tag("device", device)
                .register(registry);
    }
}
