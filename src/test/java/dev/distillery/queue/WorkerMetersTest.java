package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The running gauge is tagged with the devices this instance's workers lease, not a constant. */
class WorkerMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void gpuWorkersReportPerGpuAndNoCpu() {
        WorkerMeters meters =
                new WorkerMeters(registry, new DeviceLeases(new DeviceProperties("gpu0,gpu1", 1), 1, () -> 2));

        meters.running("gpu1", +1);

        assertThat(registry.find("distillery.running.experiments").gauges().stream()
                        .map(gauge -> gauge.getId().getTag("device")))
                .containsExactlyInAnyOrder("gpu0", "gpu1");
        assertThat(gauge("gpu1")).isEqualTo(1.0);
        assertThat(gauge("gpu0")).isZero();
        meters.running("gpu1", -1);
        assertThat(gauge("gpu1")).isZero();
        assertThat(registry.find("distillery.epoch.duration").meters().stream()
                        .map(Meter::getId)
                        .map(id -> id.getTag("device")))
                .containsExactlyInAnyOrder("gpu0", "gpu1");
    }

    private double gauge(String device) {
        return registry.get("distillery.running.experiments")
                .tag("device", device)
                .gauge()
                .value();
    }
}
