package dev.distillery.training.engine;

import dev.distillery.training.TrainingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Assembles the batches of one epoch ahead of the training step, on a thread of its own: while the model computes
 * step n, batch n+1 (and n+2) are decoded, augmented and normalized. Batches are assembled one after another in
 * training order on a single thread, so the augmentation draws exactly the sequence it draws without prefetching.
 * Only Java values cross threads; the step turns them into NDArrays in its own scope. Closing cancels what is still
 * pending and waits for the thread to end, so cancellation, time limits and failures leave no thread behind.
 */
final class BatchPrefetcher implements AutoCloseable {

    /** The name of the assembling threads. */
    static final String THREAD_NAME = "batch-prefetch";
    /** Batches assembled ahead of the one the step is using. */
    static final int AHEAD = 2;

    /**
     * One assembled batch: its pixels (batch × C × H × W), labels and, for methods that train on two views, the
     * pixels of the strong view (else null).
     */
    record Batch(float[] pixels, int[] labels, float[] strongPixels) {}

    private final BatchAssembler batches;
    private final int[] order;
    private final int batchSize;
    private final ExecutorService executor;
    private final Deque<Future<Batch>> pending = new ArrayDeque<>();
    private int nextFrom;

    /** @param ahead false assembles each batch on the calling thread when it is asked for (no thread) */
    BatchPrefetcher(BatchAssembler batches, int[] order, int batchSize, boolean ahead) {
        this.batches = batches;
        this.order = order;
        this.batchSize = batchSize;
        this.executor = ahead
                ? Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, THREAD_NAME);
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
        fill();
    }

    /** The next batch of the epoch, waiting for it when it is not assembled yet. */
    Batch next() {
        if (executor == null) {
            int from = nextFrom;
            nextFrom = Math.min(order.length, from + batchSize);
            return batches.batch(order, from, nextFrom);
        }
        Future<Batch> head = pending.poll();
        if (head == null) {
            throw new IllegalStateException("no batch left in this epoch");
        }
        fill();
        try {
            return head.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new TrainingException("batch assembly failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingException("interrupted while waiting for a batch", e);
        }
    }

    private void fill() {
        while (executor != null && pending.size() < AHEAD && nextFrom < order.length) {
            int from = nextFrom;
            int to = Math.min(order.length, from + batchSize);
            pending.add(executor.submit(() -> batches.batch(order, from, to)));
            nextFrom = to;
        }
    }

    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        pending.forEach(future -> future.cancel(true));
        pending.clear();
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the batch prefetch thread did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
