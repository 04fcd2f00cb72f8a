package dev.distillery.training;

import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * LibTorch's thread pools as sized for this process, from {@code distillery.training.threads-per-worker}.
 *
 * <p>{@code auto} (the default) gives each training worker {@code max(1, cores / workers)} intra-op threads, where
 * cores are the processors available to the JVM (which honours container CPU limits) and workers is
 * {@code distillery.workers}. A number wins over {@code auto}; {@code -Dai.djl.pytorch.num_threads} given to the JVM
 * wins over both. Inter-op parallelism is 1: jobs run in parallel at the worker level instead.
 *
 * <p>The pools are process-wide and DJL reads its properties once, when the engine loads, so {@link #apply} runs
 * before anything can touch the engine: from the application's environment-prepared event in {@code main}, and
 * again (without effect once set) when the training configuration starts. LibTorch keeps the count globally and
 * every thread that runs operators starts its own OpenMP team of that size, so W workers use W × intra-op threads:
 * {@code auto} keeps that at or below the cores.
 */
public record LibTorchThreads(String setting, int cores, int workers, int intraOp, int interOp) {

    public static final String THREADS_PER_WORKER = "distillery.training.threads-per-worker";
    public static final String AUTO = "auto";
    /** DJL's system properties, read once when the PyTorch engine loads. */
    static final String DJL_INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";

    static final String DJL_INTER_OP_THREADS = "ai.djl.pytorch.num_interop_threads";
    private static final String WORKERS = "distillery.workers";

    /** Resolves the setting of {@code environment}, sets DJL's properties unless set, and returns what is in force. */
    public static LibTorchThreads apply(Environment environment) {
        Binder binder = Binder.get(environment);
        String setting =
                binder.bind(THREADS_PER_WORKER, String.class).orElse(AUTO).trim();
        int workers = Math.max(1, binder.bind(WORKERS, Integer.class).orElse(1));
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = perWorker(setting, cores, workers);
        System.getProperties().putIfAbsent(DJL_INTRA_OP_THREADS, Integer.toString(threads));
        System.getProperties().putIfAbsent(DJL_INTER_OP_THREADS, "1");
        return new LibTorchThreads(
                setting, cores, workers, inForce(DJL_INTRA_OP_THREADS, threads), inForce(DJL_INTER_OP_THREADS, 1));
    }

    /**
     * Intra-op threads per worker for a setting: {@code auto} → {@code max(1, cores / workers)}, else the number.
     *
     * @throws IllegalStateException when the setting is neither {@code auto} nor a positive whole number
     */
    static int perWorker(String setting, int cores, int workers) {
        if (AUTO.equalsIgnoreCase(setting)) {
            return Math.max(1, cores / Math.max(1, workers));
        }
        try {
            int threads = Integer.parseInt(setting);
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(
                THREADS_PER_WORKER + " must be 'auto' or a whole number of at least 1, was '" + setting + "'");
    }

    /** One line for the start-up log. */
    public String describe() {
        return String.format(
                "LibTorch threads: %d intra-op per worker, %d inter-op (setting %s; %d cores, %d "
                        + "workers; process-wide pools, one OpenMP team per worker)",
                intraOp, interOp, setting, cores, workers);
    }

    void log() {
        LoggerFactory.getLogger(LibTorchThreads.class).info(describe());
    }

    private static int inForce(String property, int fallback) {
        try {
            return Integer.parseInt(System.getProperty(property).trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
