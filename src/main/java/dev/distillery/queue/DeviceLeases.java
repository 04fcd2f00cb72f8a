package dev.distillery.queue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The device slots of this instance's workers: one per worker thread, each held by one run for its
 * whole duration, so a GPU is never shared by more runs than {@code workers-per-device}.
 */
class DeviceLeases {

    private final List<String> slots;
    private final BlockingQueue<String> free;

    DeviceLeases(DeviceProperties properties, int cpuWorkers, GpuCounter gpus) {
        this.slots = slots(properties, cpuWorkers, gpus);
        this.free = new ArrayBlockingQueue<>(Math.max(1, slots.size()), true, slots);
    }

    int size() {
        return slots.size();
    }

    List<String> slots() {
        return List.copyOf(slots);
    }

    /** Takes a free slot; with one worker thread per slot there always is one. */
    Lease acquire() throws InterruptedException {
        return new Lease(free.take());
    }

    private static List<String> slots(DeviceProperties properties, int cpuWorkers, GpuCounter gpus) {
        String devices = properties.devices().trim().toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        if (devices.equals("auto")) {
            for (int i = 0; i < gpus.gpus(); i++) {
                names.add("gpu" + i);
            }
        } else if (!devices.equals("cpu")) {
            for (String name : devices.split(",")) {
                names.add(validGpu(name.trim()));
            }
        }
        List<String> slots = new ArrayList<>();
        if (names.isEmpty()) {
            for (int i = 0; i < cpuWorkers; i++) {
                slots.add("cpu");
            }
            return slots;
        }
        for (String name : names) {
            for (int i = 0; i < properties.workersPerDevice(); i++) {
                slots.add(name);
            }
        }
        return slots;
    }

    private static String validGpu(String name) {
        if (!name.matches("gpu\\d+")) {
            throw new IllegalArgumentException("distillery.devices: '" + name + "' is not auto, cpu or gpuN");
        }
        return name;
    }

    /** One device held by one run; closing it frees the slot. */
    final class Lease implements AutoCloseable {

        private final String name;

        private Lease(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        boolean isGpu() {
            return name.startsWith("gpu");
        }

        Device device() {
            return isGpu() ? Device.gpu(Integer.parseInt(name.substring(3))) : Device.cpu();
        }

        @Override
        public void close() {
            free.add(name);
        }
    }
}
