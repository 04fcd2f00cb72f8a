package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** Device slots from configuration and a (faked) GPU count; no GPU is needed. */
class DeviceLeasesTest {

    @Test
    void autoWithoutGpusUsesTheCpuOncePerWorker() {
        DeviceLeases leases = new DeviceLeases(new DeviceProperties("auto", 2), 3, () -> 0);
        assertThat(leases.slots()).containsExactly("cpu", "cpu", "cpu");
    }

    @Test
    void autoWithGpusLeasesEachGpuToWorkersPerDeviceThreads() throws Exception {
        DeviceLeases leases = new DeviceLeases(new DeviceProperties("auto", 2), 1, () -> 2);
        assertThat(leases.slots()).containsExactly("gpu0", "gpu0", "gpu1", "gpu1");
        try (DeviceLeases.Lease first = leases.acquire()) {
            assertThat(first.isGpu()).isTrue();
            assertThat(first.device()).isEqualTo(Device.gpu(0));
        }
    }

    @Test
    void anExplicitListAndCpuOverrideDetection() {
        assertThat(new DeviceLeases(new DeviceProperties("gpu1, gpu3", 1), 1, () -> 0).slots())
                .containsExactly("gpu1", "gpu3");
        assertThat(new DeviceLeases(new DeviceProperties("cpu", 4), 2, () -> 8).slots())
                .containsExactly("cpu", "cpu");
        assertThatThrownBy(() -> new DeviceLeases(new DeviceProperties("tpu0", 1), 1, () -> 0))
                .hasMessageContaining("tpu0");
    }

    @Test
    void aSlotIsHeldUntilItsLeaseCloses() throws Exception {
        DeviceLeases leases = new DeviceLeases(new DeviceProperties("auto", 1), 1, () -> 1);
        DeviceLeases.Lease held = leases.acquire();
        Thread waiter = new Thread(() -> {
            try (DeviceLeases.Lease next = leases.acquire()) {
                assertThat(next.name()).isEqualTo("gpu0");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiter.join(300);
        assertThat(waiter.isAlive()).isTrue();
        held.close();
        waiter.join(5000);
        assertThat(waiter.isAlive()).isFalse();
    }
}
