package dev.distillery.training.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link DeterminismProbe} in a JVM of its own: a small heap collected by the serial collector, one LibTorch
 * thread, and optionally glibc's {@code MALLOC_PERTURB_}, which fills every freed block with a pattern so that a read
 * of freed memory gives a wrong value instead of a stale right one.
 */
final class ProbeProcess {

    /** The fill byte of the reproduction in issue 18. */
    static final String PERTURB = "165";

    private ProbeProcess() {}

    /** The probe's output lines; fails when the process does not end well within {@code minutes}. */
    static List<String> run(DeterminismProbe.Settings settings, boolean perturb, long minutes, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xmx512m",
                "-Xmn8m",
                "-XX:MaxDirectMemorySize=1g",
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1"));
        String cache = System.getProperty("DJL_CACHE_DIR");
        if (cache != null) {
            command.add("-DDJL_CACHE_DIR=" + cache);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DeterminismProbe.class.getName()));
        command.addAll(settings.arguments());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        if (perturb) {
            environment.put("MALLOC_PERTURB_", PERTURB);
        } else {
            environment.remove("MALLOC_PERTURB_");
        }
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "the probe did not finish within " + minutes + " minutes; log: " + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the probe exited with " + process.exitValue() + " (a native crash is 134 or "
                    + "139); log tail: " + tail(Files.readString(log)));
        }
        return Files.readAllLines(settings.output());
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }
}
