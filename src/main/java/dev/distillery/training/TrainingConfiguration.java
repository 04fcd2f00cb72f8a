package dev.distillery.training;

import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The dataset catalog, with default directories taken from configuration, and LibTorch's thread pools. */
@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    /** Intra-op threads per training job; default {@value #DEFAULT_THREADS_PER_WORKER}. */
    static final String THREADS_PER_WORKER = "distillery.training.threads-per-worker";
    static final int DEFAULT_THREADS_PER_WORKER = 1;
    /** DJL's system properties, read once when the PyTorch engine loads. */
    static final String DJL_INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";
    static final String DJL_INTER_OP_THREADS = "ai.djl.pytorch.num_interop_threads";

    @Bean
    DatasetCatalog datasetCatalog(DatasetLocations locations) {
        return new DatasetCatalog(Objects.requireNonNullElse(locations.datasets(), Map.of()));
    }

    /**
     * Sizes LibTorch's thread pools when the context starts, before any training can load the
     * PyTorch engine (it loads lazily, on the first training or parameter count).
     *
     * <p>LibTorch's intra-op (OpenMP) and inter-op thread pools are process-wide: DJL applies these properties once,
     * when the engine loads, and every training job in the JVM shares the pools afterwards. Each worker thread runs
     * one job; its operators use up to {@code threads-per-worker} intra-op threads, so a machine with C cores runs
     * about C / threads-per-worker workers without oversubscription (on small machines one thread per job is many
     * times faster than one per core, whose OpenMP barriers thrash against the JVM's own threads). Inter-op
     * parallelism is 1: jobs are parallel at the worker level instead. A value the launcher already set
     * ({@code -Dai.djl.pytorch.num_threads=...}) wins.
     */
    TrainingConfiguration(Environment environment) {
        applyThreads(Binder.get(environment).bind(THREADS_PER_WORKER, Integer.class)
                .orElse(DEFAULT_THREADS_PER_WORKER));
    }

    /** Sets DJL's thread properties unless already set; returns the intra-op thread count in force. */
    static String applyThreads(int threadsPerWorker) {
        if (threadsPerWorker < 1) {
            throw new IllegalStateException(THREADS_PER_WORKER + " must be at least 1, was " + threadsPerWorker);
        }
        System.getProperties().putIfAbsent(DJL_INTRA_OP_THREADS, Integer.toString(threadsPerWorker));
        System.getProperties().putIfAbsent(DJL_INTER_OP_THREADS, "1");
        String effective = System.getProperty(DJL_INTRA_OP_THREADS);
        LoggerFactory.getLogger(TrainingConfiguration.class).info(
                "LibTorch threads: {} intra-op, {} inter-op (process-wide, shared by all training workers)",
                effective, System.getProperty(DJL_INTER_OP_THREADS));
        return effective;
    }
}
