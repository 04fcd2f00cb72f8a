package dev.distillery.experiments.bench;

import dev.distillery.DistilleryApplication;
import dev.distillery.comparison.SimulatedRuns;
import dev.distillery.experiments.ExperimentCancellation;
import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.TrainingSpec;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.training.EpochMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load while training, on loopback, bounded in time: one service (embedded PostgreSQL, one worker) trains lenet5 on
 * {@code --images} synthetic images while an open-loop generator sends {@code --rate} requests a second for
 * {@code --seconds}: GET an experiment, GET the metrics of an ended 240-epoch run ({@code --metrics-percent}, 25),
 * GET the metrics of the run training ({@code --running-percent}, 10; never kept, read from the database), GET a
 * comparison of 10 runs × 240 epochs ({@code --comparisons-percent}, 25) and POST a real submission
 * ({@code --posts-percent}, 10; queued behind the training); the rest are GETs of an experiment. Requests are sent on schedule
 * whatever the answers do (open loop), so a slow service shows as latency, not as fewer requests. Prints per endpoint
 * the throughput, p50, p99 and errors (any answer but 2xx, or none within 10 s), and the training's mean epoch time
 * before and during the load. The first {@code --warmup-seconds} (10) of load warm the service (JIT, caches) and are
 * reported apart. Options: {@code --rate} (200), {@code --seconds} (60), {@code --quiet-epochs} (4),
 * {@code --images} (5000).
 */
public final class LoadBenchmark {

    private static final String POST = "POST /experiments";
    /** The priority of the submissions the load sends (nothing else is submitted with it). */
    private static final int LOAD_PRIORITY = -100;

    private LoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rate = option(args, "--rate", 200);
        int seconds = option(args, "--seconds", 60);
        int quietEpochs = option(args, "--quiet-epochs", 4);
        int warmup = option(args, "--warmup-seconds", 10);
        int images = option(args, "--images", 5000);
        Mix mix = new Mix(
                option(args, "--metrics-percent", 25),
                option(args, "--running-percent", 10),
                option(args, "--comparisons-percent", 25),
                option(args, "--posts-percent", 10));
        Path data = Files.createTempDirectory("distillery-load");
        List<UUID> runs;
        try (ConfigurableApplicationContext seeding = start(data, 0)) {
            runs = seed(seeding);
        }
        try (ConfigurableApplicationContext service = start(data, 1)) {
            ExperimentQueries queries = service.getBean(ExperimentQueries.class);
            UUID training = service.getBean(ExperimentSubmission.class)
                    .submit(spec("training under load", "lenet5", 1000, images, 100, null), Caller.ANONYMOUS)
                    .id();
            while (queries.metrics(training).size() < quietEpochs + 1) {
                Thread.sleep(200);
            }
            int quietUntil = queries.metrics(training).size();
            String base = "http://localhost:"
                    + ((WebServerApplicationContext) service).getWebServer().getPort();
            System.out.printf(Locale.ROOT, "%d req/s for %d s after %d s of warm-up, %s%n", rate, seconds, warmup, mix);
            Latencies latencies = new Latencies(System.nanoTime() + warmup * 1_000_000_000L, seconds);
            ScheduledExecutorService pacer = generate(base, runs, training, rate, mix, latencies);
            Thread.sleep((warmup + seconds) * 1000L);
            pacer.shutdownNow();
            int loadedUntil = epochsWhenReadable(queries, training).size();
            Thread.sleep(10_000); // answers still on their way (each at most 10 s)
            List<EpochMetrics> epochs = epochsWhenReadable(queries, training);
            // epoch 1 warms up; the epoch running when the load began is partly quiet, so neither is counted
            int firstLoaded = quietUntil + 2;
            double quiet = meanSeconds(epochs.subList(1, quietUntil));
            // NaN (printed as such) when the load stalled the training so much that no whole epoch ran under it
            double loaded = meanSeconds(epochs.subList(Math.min(firstLoaded - 1, loadedUntil), loadedUntil));
            System.out.println("warm-up (not counted):");
            report(latencies.warmup, warmup);
            System.out.println("measured:");
            report(latencies.measured, seconds);
            System.out.println(
                    "answers over 50 ms by second of the measured window (second: count): " + latencies.slowBySecond());
            System.out.printf(
                    Locale.ROOT,
                    "submissions answered 201: %d; load submissions in the database: %d%n",
                    latencies.accepted(POST),
                    service.getBean(JdbcClient.class)
                            .sql("select count(*) from experiments where priority = " + LOAD_PRIORITY)
                            .query(Long.class)
                            .single());
            System.out.printf(
                    Locale.ROOT,
                    "training epoch (lenet5, %d images): %.2f s quiet (epochs 2-%d), %.2f s under load (epochs %d-%d):"
                            + " %+.1f %%%n",
                    images,
                    quiet,
                    quietUntil,
                    loaded,
                    firstLoaded,
                    loadedUntil,
                    100 * (loaded - quiet) / quiet);
            service.getBean(ExperimentCancellation.class).cancel(training, Caller.ANONYMOUS);
        }
    }

    /** Sends {@code rate} requests a second on schedule until the returned pacer is shut down. */
    private static ScheduledExecutorService generate(
            String base, List<UUID> runs, UUID training, int rate, Mix mix, Latencies latencies) {
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4, LoadBenchmark::daemon))
                .build();
        ExecutorService senders = Executors.newCachedThreadPool(LoadBenchmark::daemon);
        String ids = String.join(",", runs.stream().map(UUID::toString).toList());
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(LoadBenchmark::daemon);
        long periodNanos = 1_000_000_000L / rate;
        pacer.scheduleAtFixedRate(
                () -> {
                    int n = sent.getAndIncrement();
                    int slot = n % 100;
                    UUID run = runs.get(n % runs.size());
                    String endpoint;
                    HttpRequest.Builder request;
                    if (slot >= mix.metrics() + mix.running() + mix.comparisons() + mix.posts()) {
                        endpoint = "GET /experiments/{id}";
                        request = HttpRequest.newBuilder(URI.create(base + "/api/v1/experiments/" + run));
                    } else if (slot < mix.metrics()) {
                        endpoint = "GET /experiments/{id}/metrics (240 epochs)";
                        request = HttpRequest.newBuilder(URI.create(base + "/api/v1/experiments/" + run + "/metrics"));
                    } else if (slot < mix.metrics() + mix.running()) {
                        endpoint = "GET /experiments/{id}/metrics (the run training)";
                        request = HttpRequest.newBuilder(
                                URI.create(base + "/api/v1/experiments/" + training + "/metrics"));
                    } else if (slot < mix.metrics() + mix.running() + mix.comparisons()) {
                        endpoint = "GET /comparisons (10 runs)";
                        request = HttpRequest.newBuilder(URI.create(base + "/api/v1/comparisons?ids=" + ids));
                    } else {
                        endpoint = POST;
                        request = HttpRequest.newBuilder(URI.create(base + "/api/v1/experiments"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, \"dataset\": "
                                                + "{\"name\": \"synthetic\"}, \"training\": {\"epochs\": 1}, \"priority\": "
                                                + LOAD_PRIORITY + "}"));
                    }
                    long start = System.nanoTime();
                    // a blocking send on a pooled thread: sendAsync would hand every completion to a new thread
                    // (CompletableFuture's default executor on 2 cores), costing the training CPU the service never
                    // used
                    senders.execute(() -> {
                        String outcome = endpoint;
                        try {
                            HttpResponse<byte[]> answer = http.send(
                                    request.timeout(Duration.ofSeconds(10)).build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            if (answer.statusCode() >= 300) {
                                outcome = endpoint + " ERROR " + answer.statusCode();
                            }
                        } catch (Exception failure) {
                            outcome = endpoint + " ERROR " + failure.getClass().getSimpleName();
                        }
                        latencies.add(start, outcome, (System.nanoTime() - start) / 1000);
                    });
                },
                0,
                periodNanos,
                TimeUnit.NANOSECONDS);
        return pacer;
    }

    /** Latencies per endpoint of the requests sent during the warm-up, and of those sent after it. */
    private static final class Latencies {

        final Map<String, List<Long>> warmup = new ConcurrentHashMap<>();
        final Map<String, List<Long>> measured = new ConcurrentHashMap<>();
        private final long measureFrom;
        private final AtomicIntegerArray slow;

        Latencies(long measureFrom, int seconds) {
            this.measureFrom = measureFrom;
            this.slow = new AtomicIntegerArray(seconds + 1);
        }

        void add(long sentNanos, String endpoint, long micros) {
            boolean counted = sentNanos >= measureFrom;
            (counted ? measured : warmup)
                    .computeIfAbsent(endpoint, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(micros);
            int second = (int) ((sentNanos - measureFrom) / 1_000_000_000L);
            if (counted && micros > 50_000 && second < slow.length()) {
                slow.incrementAndGet(second);
            }
        }

        /** Answers 2xx to {@code endpoint}, warm-up included. */
        int accepted(String endpoint) {
            return warmup.getOrDefault(endpoint, List.of()).size()
                    + measured.getOrDefault(endpoint, List.of()).size();
        }

        String slowBySecond() {
            StringBuilder seconds = new StringBuilder();
            for (int i = 0; i < slow.length(); i++) {
                if (slow.get(i) > 0) {
                    seconds.append(i).append(": ").append(slow.get(i)).append("  ");
                }
            }
            return seconds.isEmpty() ? "none" : seconds.toString();
        }
    }

    /** Percentages of the requests; the rest are GET /experiments/{id}. */
    private record Mix(int metrics, int running, int comparisons, int posts) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "mix: %d %% GET experiment, %d %% GET metrics of an ended run, %d %% GET metrics of the run training,"
                            + " %d %% GET comparison, %d %% POST",
                    100 - metrics - running - comparisons - posts,
                    metrics,
                    running,
                    comparisons,
                    posts);
        }
    }

    /** The generator's threads never keep the JVM (exec:java) alive. */
    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }

    private static void report(Map<String, List<Long>> latencies, int seconds) {
        if (seconds == 0) {
            return;
        }
        long total = 0;
        for (Map.Entry<String, List<Long>> entry : new TreeMap<>(latencies).entrySet()) {
            List<Long> sorted;
            synchronized (entry.getValue()) {
                sorted = entry.getValue().stream().sorted().toList();
            }
            total += sorted.size();
            System.out.printf(
                    Locale.ROOT,
                    "%-45s %6d requests %6.1f req/s  p50 %6.1f ms  p99 %6.1f ms%n",
                    entry.getKey(),
                    sorted.size(),
                    sorted.size() / (double) seconds,
                    sorted.get(sorted.size() / 2) / 1000.0,
                    sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0);
        }
        System.out.printf(Locale.ROOT, "total %d requests, %.1f req/s%n", total, total / (double) seconds);
    }

    /** An overloaded service may have no free connection for a while after the load stops: ask until it has one. */
    private static List<EpochMetrics> epochsWhenReadable(ExperimentQueries queries, UUID training)
            throws InterruptedException {
        for (int tries = 1; ; tries++) {
            try {
                return queries.metrics(training);
            } catch (RuntimeException busy) {
                if (tries == 60) {
                    throw busy;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static double meanSeconds(List<EpochMetrics> epochs) {
        return epochs.stream().mapToDouble(EpochMetrics::epochSeconds).average().orElse(Double.NaN);
    }

    /** Ten finished kd runs of 240 epochs each, recorded directly (no training). */
    private static List<UUID> seed(ConfigurableApplicationContext app) {
        ExperimentSubmission submission = app.getBean(ExperimentSubmission.class);
        SimulatedRuns runs = new SimulatedRuns(app.getBean(ExperimentLifecycle.class));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID id = submission
                    .submit(spec("seeded " + i, "mlp", 240, 100, 50, (long) i), Caller.ANONYMOUS)
                    .id();
            double[] top1 = new double[240];
            for (int epoch = 1; epoch <= 240; epoch++) {
                top1[epoch - 1] = 0.7 * (1 - Math.exp(-epoch / 40.0)) + 0.001 * i;
            }
            runs.finish(id, top1);
            ids.add(id);
        }
        return ids;
    }

    private static ExperimentSpec spec(String name, String architecture, int epochs, int train, int test, Long seed) {
        return new ExperimentSpec(
                name,
                "ce",
                null,
                new ExperimentSpec.ModelSpec(architecture),
                new ExperimentSpec.DatasetSpec("synthetic", null, train, test),
                null,
                null,
                null,
                new TrainingSpec(epochs, 64, null, 0.01, null, null, null, null, null, null),
                null,
                seed == null ? 1L : seed,
                0,
                null,
                null);
    }

    private static ConfigurableApplicationContext start(Path data, int workers) {
        return new SpringApplicationBuilder(DistilleryApplication.class)
                .run(
                        "--distillery.data-dir=" + data,
                        "--distillery.workers=" + workers,
                        "--distillery.devices=cpu",
                        "--distillery.queue.max-queued=100000",
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN");
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
