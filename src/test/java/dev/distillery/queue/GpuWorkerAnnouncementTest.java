package dev.distillery.queue;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.distillery.experiments.GpuWorkers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only an instance that leases GPUs records itself as a GPU worker. */
class GpuWorkerAnnouncementTest {

    private final GpuWorkers gpuWorkers = mock(GpuWorkers.class);

    @Test
    void anInstanceWithGpuSlotsRecordsItsGpus() {
        new GpuWorkerAnnouncement(new DeviceLeases(new DeviceProperties("auto", 2), 1, () -> 2), gpuWorkers).announce();

        verify(gpuWorkers).seen(anyString(), eq(List.of("gpu0", "gpu1")));
    }

    @Test
    void aCpuOnlyInstanceRecordsNothing() {
        new GpuWorkerAnnouncement(new DeviceLeases(new DeviceProperties("auto", 1), 2, () -> 0), gpuWorkers).announce();

        verifyNoInteractions(gpuWorkers);
    }
}
