package dev.distillery.training;

/**
 * Tests run one PyTorch intra-op and inter-op thread unless the launcher says otherwise: on small machines the
 * default (one thread per core) thrashes OpenMP barriers against the JVM's own threads and is 10-25x slower.
 * Only effective before the engine starts; the build can set the same system properties for the whole run.
 */
public final class DjlTestThreads {

    private DjlTestThreads() {}

    public static void oneThreadUnlessConfigured() {
        System.getProperties().putIfAbsent("ai.djl.pytorch.num_threads", "1");
        System.getProperties().putIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }
}
