package dev.distillery.queue;

/** How many GPUs the training engine can use here; a seam so tests can pretend there are some. */
@FunctionalInterface
public interface GpuCounter {
    int gpus();
}
