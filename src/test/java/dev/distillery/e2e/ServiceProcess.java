package dev.distillery.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The service as a separate JVM on this machine, so a test can kill it with SIGKILL and start it again. */
final class ServiceProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final List<String> extraArgs;
    private final boolean testThreads;
    private Process process;

    ServiceProcess(Path dataDir, List<String> extraArgs) throws IOException {
        this(dataDir, extraArgs, true);
    }

    /** @param testThreads pass this JVM's LibTorch thread properties on (false: the service sizes its own pools) */
    ServiceProcess(Path dataDir, List<String> extraArgs, boolean testThreads) throws IOException {
        this.dataDir = dataDir.toAbsolutePath();
        this.extraArgs = extraArgs;
        this.testThreads = testThreads;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** Starts the JVM and waits until its health endpoint answers. */
    void start(Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path")));
        for (String property : List.of(
                "ai.djl.offline",
                "DJL_CACHE_DIR",
                "ai.djl.pytorch.num_threads",
                "ai.djl.pytorch.num_interop_threads")) {
            if (System.getProperty(property) != null && (testThreads || !property.contains("threads"))) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of(
                "dev.distillery.DistilleryApplication",
                "--distillery.data-dir=" + dataDir,
                "--server.port=" + port,
                "--spring.main.banner-mode=off"));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitHealthy(Duration.ofMinutes(2));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the JVM to exit; returns its exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the service did not stop within 3 minutes of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void awaitHealthy(Duration patience) throws Exception {
        ServiceClient client = new ServiceClient(port);
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue());
            }
            try {
                if (client.get("/actuator/health", "application/json").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become healthy within " + patience);
    }
}
