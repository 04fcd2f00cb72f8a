package dev.distillery.comparison.bench;

import dev.distillery.DistilleryApplication;
import dev.distillery.comparison.ComparisonService;
import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.TrainingSpec;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.LogitDiagnostics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Comparing 20 runs × 240 epochs on a seeded embedded PostgreSQL: times the comparison service call
 * and the full HTTP round trip ({@code GET /api/v1/comparisons}, JSON), printing median, p95 and max.
 * Arguments: {@code --runs 20 --epochs 240 --rounds 200 --warmup 50}.
 */
public final class ComparisonBenchmark {

    private ComparisonBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = options(args);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run("--distillery.workers=0", "--distillery.devices=cpu", "--server.port=0")) {
            List<UUID> ids = seed(app, options.get("runs"), options.get("epochs"));
            ComparisonService comparisons = app.getBean(ComparisonService.class);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/api/v1/comparisons?ids="
                            + String.join(",", ids.stream().map(UUID::toString).toList())))
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            System.out.printf(
                    Locale.ROOT,
                    "comparison of %d runs x %d epochs (%d metric rows)%n",
                    ids.size(),
                    options.get("epochs"),
                    ids.size() * options.get("epochs"));
            report("service call (SQL + aggregation)", time(() -> comparisons.compare(ids, null), options));
            report(
                    "HTTP GET /api/v1/comparisons (JSON)",
                    time(
                            () -> {
                                HttpResponse<byte[]> response =
                                        http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                                if (response.statusCode() != 200) {
                                    throw new IllegalStateException("status " + response.statusCode());
                                }
                                return response.body().length;
                            },
                            options));
        }
    }

    private static List<UUID> seed(ConfigurableApplicationContext app, int runs, int epochs) {
        ExperimentSubmission submission = app.getBean(ExperimentSubmission.class);
        ExperimentLifecycle lifecycle = app.getBean(ExperimentLifecycle.class);
        ExperimentSpec spec = new ExperimentSpec(
                "bench",
                "kd",
                new ExperimentSpec.TeacherSpec("lenet5", null, null, null),
                new ExperimentSpec.ModelSpec("mlp"),
                new ExperimentSpec.DatasetSpec("synthetic", null, 100, 50),
                null,
                null,
                null,
                new TrainingSpec(epochs, null, null, null, null, null, null, null, null, null),
                null,
                1L,
                null,
                null,
                null,
                10,
                null);
        List<UUID> ids = new ArrayList<>();
        long started = System.nanoTime();
        while (ids.size() < runs) {
            for (UUID experiment :
                    submission.submitRepeats(spec, Caller.ANONYMOUS).experimentIds()) {
                if (ids.size() < runs) {
                    ids.add(experiment);
                    finish(lifecycle, experiment, epochs);
                }
            }
        }
        System.out.printf(Locale.ROOT, "seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return ids;
    }

    private static void finish(ExperimentLifecycle lifecycle, UUID id, int epochs) {
        int attempt = lifecycle.start(id, "cpu").orElseThrow().attempt();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double top1 = 0.7 * (1 - Math.exp(-epoch / 40.0)) + 0.001 * (id.hashCode() % 10);
            lifecycle.recordEpoch(
                    id,
                    attempt,
                    new EpochMetrics(
                            epoch,
                            2.0 / epoch,
                            top1,
                            1.5 / epoch,
                            top1,
                            0.9,
                            0.05,
                            30.0,
                            1600.0,
                            EpochMetrics.STUDENT,
                            Map.of("ce", 0.2, "kd", 1.0 / epoch),
                            new LogitDiagnostics(0.8, 0.3, 0.2, 0.0, 3.0, 0.0, 4.0)));
        }
        lifecycle.succeed(id, attempt);
    }

    private static double[] time(Callable<?> call, Map<String, Integer> options) throws Exception {
        for (int i = 0; i < options.get("warmup"); i++) {
            call.call();
        }
        double[] millis = new double[options.get("rounds")];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            call.call();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void report(String what, double[] sorted) {
        System.out.printf(
                Locale.ROOT,
                "%-40s median %6.2f ms   p95 %6.2f ms   max %6.2f ms   (%d rounds)%n",
                what,
                sorted[sorted.length / 2],
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1],
                sorted[sorted.length - 1],
                sorted.length);
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options =
                new java.util.HashMap<>(Map.of("runs", 20, "epochs", 240, "rounds", 200, "warmup", 50));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), Integer.parseInt(args[i + 1]));
        }
        return options;
    }
}
