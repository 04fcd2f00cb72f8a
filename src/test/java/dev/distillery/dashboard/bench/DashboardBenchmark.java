package dev.distillery.dashboard.bench;

import dev.distillery.DistilleryApplication;
import dev.distillery.dashboard.DashboardBrowser;
import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.TrainingSpec;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.LogitDiagnostics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard with 1,000 experiments and a 240-epoch run, in the real headless Chromium of the browser tests:
 * <ul>
 *   <li>time from navigation to the experiment table rendered and to the run page's charts drawn, read from the
 *       performance marks the dashboard sets ({@code distillery:table-rendered}, {@code distillery:chart-rendered};
 *       their {@code startTime} is milliseconds since navigation start);
 *   <li>the CPU the browser spends on live updates while a run streams an epoch every interval: the page's main
 *       thread task time (CDP {@code Performance.getMetrics} TaskDuration) and the CPU time of every Chromium process
 *       ({@code /proc/<pid>/stat}), each divided by the wall time.
 * </ul>
 * Arguments: {@code --experiments 1000 --epochs 240 --rounds 5 --stream-seconds 60 --interval-ms 1000}.
 */
public final class DashboardBenchmark {

    private static final String TABLE = "distillery:table-rendered";
    private static final String CHART = "distillery:chart-rendered";

    private DashboardBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = options(args);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run("--distillery.workers=0", "--distillery.devices=cpu", "--server.port=0")) {
            String base = "http://localhost:"
                    + ((WebServerApplicationContext) app).getWebServer().getPort();
            Seeder seeder = new Seeder(app);
            int epochs = options.get("epochs");
            long started = System.nanoTime();
            ExecutorService seeding = Executors.newFixedThreadPool(4);
            List<Future<List<UUID>>> batches = new ArrayList<>();
            for (int made = 2; made < options.get("experiments"); made += 10) {
                int batch = made;
                batches.add(seeding.submit(
                        () -> seeder.finished("bench " + batch, Math.min(10, options.get("experiments") - batch), 1)));
            }
            for (Future<List<UUID>> batch : batches) {
                batch.get();
            }
            seeding.shutdown();
            UUID longRun = seeder.finished("bench 240 epochs", 1, epochs).get(0);
            int streamed = options.get("stream-seconds") * 1000 / options.get("interval-ms");
            UUID liveRun = seeder.running("bench live", epochs, epochs - streamed);
            System.out.printf(
                    Locale.ROOT,
                    "seeded %d experiments in %.1f s%n",
                    options.get("experiments"),
                    (System.nanoTime() - started) / 1e9);

            DashboardBrowser browser = new DashboardBrowser();
            ChromeDriver driver = (ChromeDriver) browser.start();
            try {
                Page page = new Page(driver, base);
                report(
                        "experiment list (#/experiments) to table rendered",
                        page.timeTo("/#/experiments", TABLE, options.get("rounds")));
                page.breakdown();
                page.check("document.querySelectorAll('#experiment-rows tr[data-id]').length", "table rows");
                page.check("document.getElementById('page-info').textContent", "pager");
                report(
                        "run page (" + epochs + " epochs) to charts drawn",
                        page.timeTo("/#/experiment/" + longRun, CHART, options.get("rounds")));
                page.breakdown();
                page.check("window.distillery.charts.loss.data[0].length", "epochs on the loss chart");

                page.open("/#/experiment/" + liveRun, CHART);
                Thread stream = seeder.stream(liveRun, epochs - streamed + 1, epochs, options.get("interval-ms"));
                CpuUse cpu = CpuUse.during(driver, () -> stream.join());
                new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Long.valueOf(epochs)
                        .equals(driver.executeScript("return window.distillery.charts.loss.data[0].length;")));
                page.check("window.distillery.charts.loss.data[0].length", "epochs on the live loss chart at the end");
                cpu.report("run page, " + streamed + " epochs streamed live (1 every " + options.get("interval-ms")
                        + " ms)");

                int listed = streamed / 2;
                UUID listRun = seeder.running("bench live list", epochs, epochs - listed);
                page.open("/#/experiments", TABLE);
                Thread rows = seeder.stream(listRun, epochs - listed + 1, epochs, options.get("interval-ms"));
                CpuUse list = CpuUse.during(driver, () -> rows.join());
                list.report("experiment list, " + listed + " epochs of a run on the page (rows polled every 2 s)");
            } finally {
                browser.quit();
            }
        }
    }

    /** Navigations timed by the dashboard's own performance marks. */
    private record Page(ChromeDriver driver, String base) {

        double[] timeTo(String path, String mark, int rounds) {
            open(path, mark); // warm-up: the first load also fills the HTTP cache
            double[] millis = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                millis[i] = open(path, mark);
            }
            Arrays.sort(millis);
            return millis;
        }

        /** A full navigation (through about:blank, since a new hash alone is not one); the mark's startTime. */
        double open(String path, String mark) {
            driver.get("about:blank");
            driver.get(base + path);
            Object time = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(20))
                    .until(d -> ((JavascriptExecutor) d)
                            .executeScript(
                                    "const m = performance.getEntriesByName(arguments[0], 'mark')[0];"
                                            + " return m ? m.startTime : null;",
                                    mark));
            return ((Number) time).doubleValue();
        }

        /** Where the last load's time went: the document, DOMContentLoaded, and each request's end. */
        void breakdown() {
            System.out.println(
                    "  last load: "
                            + driver.executeScript(
                                    """
                    const n = performance.getEntriesByType('navigation')[0];
                    return ['document ' + n.responseEnd.toFixed(0) + ' ms',
                      'DOMContentLoaded ' + n.domContentLoadedEventEnd.toFixed(0) + ' ms',
                      ...performance.getEntriesByType('resource').map(r =>
                        r.name.replace(location.origin, '').split('?')[0] + ' ' + r.startTime.toFixed(0)
                          + '-' + r.responseEnd.toFixed(0) + ' ms')].join('; ');"""));
        }

        void check(String expression, String what) {
            System.out.println("  " + what + ": " + driver.executeScript("return " + expression + ";"));
        }
    }

    /** Browser CPU over a window: the page's main-thread task time (CDP) and all Chromium processes (/proc). */
    private record CpuUse(double wallSeconds, double taskSeconds, double rendererSeconds, double chromiumSeconds) {

        interface Window {
            void run() throws Exception;
        }

        static CpuUse during(ChromeDriver driver, Window window) throws Exception {
            driver.executeCdpCommand("Performance.enable", Map.of());
            double task = taskDuration(driver);
            Map<String, Double> before = ProcCpu.chromium();
            long start = System.nanoTime();
            window.run();
            double wall = (System.nanoTime() - start) / 1e9;
            Map<String, Double> after = ProcCpu.chromium();
            return new CpuUse(
                    wall,
                    taskDuration(driver) - task,
                    after.get("renderer") - before.get("renderer"),
                    after.get("all") - before.get("all"));
        }

        @SuppressWarnings("unchecked")
        private static double taskDuration(ChromeDriver driver) {
            List<Map<String, Object>> metrics = (List<Map<String, Object>>)
                    driver.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
            return metrics.stream()
                    .filter(m -> "TaskDuration".equals(m.get("name")))
                    .mapToDouble(m -> ((Number) m.get("value")).doubleValue())
                    .findFirst()
                    .orElseThrow();
        }

        void report(String what) {
            System.out.printf(
                    Locale.ROOT,
                    "%s over %.1f s:%n  page main thread (CDP TaskDuration) %.3f s = %.2f %% of one core%n"
                            + "  renderer processes (/proc)         %.3f s = %.2f %% of one core%n"
                            + "  all Chromium processes (/proc)     %.3f s = %.2f %% of one core%n",
                    what,
                    wallSeconds,
                    taskSeconds,
                    100 * taskSeconds / wallSeconds,
                    rendererSeconds,
                    100 * rendererSeconds / wallSeconds,
                    chromiumSeconds,
                    100 * chromiumSeconds / wallSeconds);
        }
    }

    /** Experiments made directly through the service's beans (no training), with synthetic epochs. */
    private static final class Seeder {

        private final ExperimentSubmission submission;
        private final ExperimentLifecycle lifecycle;

        Seeder(ConfigurableApplicationContext app) {
            submission = app.getBean(ExperimentSubmission.class);
            lifecycle = app.getBean(ExperimentLifecycle.class);
        }

        /** The attempt each started run writes under (the lifecycle fences every write with it). */
        private final java.util.Map<UUID, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();

        private void start(UUID id) {
            attempts.put(id, lifecycle.start(id, "cpu").orElseThrow().attempt());
        }

        List<UUID> finished(String name, int repeats, int epochs) {
            List<UUID> ids = submit(name, repeats, epochs);
            for (UUID id : ids) {
                start(id);
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    lifecycle.recordEpoch(id, attempts.get(id), epoch(id, epoch));
                }
                lifecycle.succeed(id, attempts.get(id));
            }
            return ids;
        }

        UUID running(String name, int epochs, int done) {
            UUID id = submit(name, 1, epochs).get(0);
            start(id);
            for (int epoch = 1; epoch <= done; epoch++) {
                lifecycle.recordEpoch(id, attempts.get(id), epoch(id, epoch));
            }
            return id;
        }

        /** Records epochs {@code from..to} one per interval on a thread of its own, then ends the run. */
        Thread stream(UUID id, int from, int to, int intervalMillis) {
            Thread thread = new Thread(() -> {
                try {
                    for (int epoch = from; epoch <= to; epoch++) {
                        Thread.sleep(intervalMillis);
                        lifecycle.recordEpoch(id, attempts.get(id), epoch(id, epoch));
                    }
                    lifecycle.succeed(id, attempts.get(id));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            return thread;
        }

        private List<UUID> submit(String name, int repeats, int epochs) {
            ExperimentSpec spec = new ExperimentSpec(
                    name,
                    "kd",
                    new ExperimentSpec.TeacherSpec("lenet5", null, null, null, null),
                    new ExperimentSpec.ModelSpec("mlp"),
                    new ExperimentSpec.DatasetSpec("synthetic", null, 100, 50),
                    null,
                    true,
                    null,
                    new TrainingSpec(epochs, null, null, null, null, null, null, null, null, null),
                    null,
                    1L,
                    null,
                    null,
                    Map.of("project", "dashboard-bench"),
                    repeats,
                    null);
            return new ArrayList<>(
                    submission.submitRepeats(spec, Caller.ANONYMOUS).experimentIds());
        }

        private static EpochMetrics epoch(UUID id, int epoch) {
            double top1 = 0.7 * (1 - Math.exp(-epoch / 40.0)) + 0.001 * Math.floorMod(id.hashCode(), 10);
            return new EpochMetrics(
                    epoch,
                    2.0 / epoch,
                    top1,
                    1.5 / epoch,
                    top1,
                    0.9,
                    0.05 * Math.pow(0.1, epoch / 80),
                    30.0,
                    1600.0,
                    EpochMetrics.STUDENT,
                    Map.of("ce", 0.2, "kd", 1.0 / epoch),
                    new LogitDiagnostics(0.8, 0.3 / epoch, 0.2 / epoch, 0.0, 3.0, 0.0, 4.0 + 1.0 / epoch));
        }
    }

    private static void report(String what, double[] sorted) {
        System.out.printf(
                Locale.ROOT,
                "%s: median %.0f ms, max %.0f ms (%d loads after a warm-up; target < 1000 ms)%n",
                what,
                sorted[sorted.length / 2],
                sorted[sorted.length - 1],
                sorted.length);
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options = new LinkedHashMap<>(
                Map.of("experiments", 1000, "epochs", 240, "rounds", 5, "stream-seconds", 60, "interval-ms", 1000));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(name, Integer.parseInt(args[i + 1]));
        }
        return options;
    }
}
