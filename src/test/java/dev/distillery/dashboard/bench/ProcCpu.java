package dev.distillery.dashboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * CPU seconds (user + system) of the Chromium processes this JVM started (through chromedriver), read from
 * {@code /proc/<pid>/stat}: {@code renderer} for the page's renderer processes, {@code all} for every Chromium
 * process (browser, GPU, network and renderers). Linux only; the clock tick is taken as 100 Hz (USER_HZ).
 */
final class ProcCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcCpu() {}

    static Map<String, Double> chromium() {
        double[] sums = new double[2];
        ProcessHandle.current().descendants().forEach(process -> {
            long pid = process.pid();
            String command =
                    read(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
            if (!command.contains("chromium") || command.contains("chromedriver")) {
                return;
            }
            double seconds = cpuSeconds(read(Path.of("/proc", Long.toString(pid), "stat")));
            sums[1] += seconds;
            if (command.contains("--type=renderer")) {
                sums[0] += seconds;
            }
        });
        return Map.of("renderer", sums[0], "all", sums[1]);
    }

    /** utime and stime, the 14th and 15th fields; counted after the command name, which may hold spaces. */
    static double cpuSeconds(String stat) {
        if (stat.isEmpty()) {
            return 0;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return ""; // the process ended
        }
    }
}
