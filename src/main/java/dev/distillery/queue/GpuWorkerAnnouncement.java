package dev.distillery.queue;

import dev.distillery.experiments.GpuWorkers;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An instance whose workers train on GPUs says so in the database when it is ready, so submissions asking for a GPU
 * are accepted from then on (before any GPU worker has been seen they are refused: none would take them).
 */
@Component
class GpuWorkerAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(GpuWorkerAnnouncement.class);

    private final DeviceLeases leases;
    private final GpuWorkers gpuWorkers;

    GpuWorkerAnnouncement(DeviceLeases leases, GpuWorkers gpuWorkers) {
        this.leases = leases;
        this.gpuWorkers = gpuWorkers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        List<String> gpus = leases.slots().stream()
                .filter(slot -> slot.startsWith("gpu"))
                .distinct()
                .toList();
        if (!gpus.isEmpty()) {
            String instance = ManagementFactory.getRuntimeMXBean().getName();
            gpuWorkers.seen(instance, gpus);
            log.info("GPU worker {} recorded with {}", instance, gpus);
        }
    }
}
