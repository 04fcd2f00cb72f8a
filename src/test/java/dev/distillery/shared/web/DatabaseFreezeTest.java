package dev.distillery.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.comparison.SimulatedRuns;
import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.TrainingSpec;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.shared.Sha256;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database freezes (every PostgreSQL process SIGSTOPped: connections hang with no reset, as in a network
 * partition). Meanwhile the API answers 503 problem+json with Retry-After within 5 s, never a 500 or a hang, and
 * {@code /actuator/health} reports DOWN; once PostgreSQL runs again (SIGCONT), the API answers as before. The metrics
 * of an ended run and a comparison of ended runs, which can no longer change, are still answered during the freeze
 * (from memory), with exactly what was recorded; those of a run that has not ended are not.
 */
class DatabaseFreezeTest {

    private final Path dataDir =
            Path.of("target", "test-data", "freeze-" + UUID.randomUUID()).toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aFrozenDatabaseIsA503WithinFiveSecondsButEndedRunsAnswerAndHealthDownThenServiceResumes() throws Exception {
        try (ConfigurableApplicationContext service = start()) {
            String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/experiments"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, "
                                    + "\"dataset\": {\"name\": \"synthetic\"}}")));
            assertThat(created.statusCode()).isEqualTo(201);
            String location = created.headers().firstValue("Location").orElseThrow();
            String experiment = location.startsWith("/") ? base + location : location;
            SimulatedRuns runs = new SimulatedRuns(service.getBean(ExperimentLifecycle.class));
            UUID first = endedRun(service, runs, 0.25);
            UUID second = endedRun(service, runs, 0.5);
            String comparison = base + "/api/v1/comparisons?ids=" + first + "," + second;
            assertThat(testTop1s(get(base + "/api/v1/experiments/" + first + "/metrics")))
                    .containsExactly(0.25, 0.5);
            String comparedBefore = get(comparison);
            assertThat(JSON.readTree(comparedBefore).at("/runs/1/best/testTop1").asDouble())
                    .isEqualTo(1.0);
            UUID late = submitted(service);
            int attempt = runs.start(late);
            runs.record(late, attempt, 1, 0.125);
            String lateMetrics = base + "/api/v1/experiments/" + late + "/metrics";
            assertThat(testTop1s(get(lateMetrics))).containsExactly(0.125); // read while running: not kept
            runs.record(late, attempt, 2, 0.375);
            service.getBean(ExperimentLifecycle.class).succeed(late, attempt);
            assertThat(testTop1s(get(lateMetrics))).containsExactly(0.125, 0.375);
            String counted = send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")))
                    .body();
            assertThat(counted)
                    .contains("distillery_experiments{status=\"QUEUED\"} 1.0")
                    .contains("distillery_experiments{status=\"SUCCEEDED\"} 3.0")
                    .contains("distillery_experiments{status=\"RUNNING\"} 0.0");
            Thread.sleep(1_100); // the counts are read at most once a second
            List<String> postgres = postgresProcesses();
            signal("-STOP", postgres);
            try {
                for (String path : List.of(experiment, base + "/api/v1/experiments?status=QUEUED", experiment)) {
                    assertUnavailableWithinFiveSeconds(HttpRequest.newBuilder(URI.create(path)));
                }
                long answered = System.nanoTime();
                assertThat(testTop1s(get(base + "/api/v1/experiments/" + first + "/metrics")))
                        .containsExactly(0.25, 0.5);
                assertThat(get(comparison)).isEqualTo(comparedBefore);
                assertThat(testTop1s(get(lateMetrics))).containsExactly(0.125, 0.375);
                assertThat((System.nanoTime() - answered) / 1_000_000).isLessThan(1_000);
                // the metrics of a queued run are read from the database; concurrent reads wait side by side
                List<CompletableFuture<Void>> queuedMetrics = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    queuedMetrics.add(CompletableFuture.runAsync(() -> {
                        try {
                            assertUnavailableWithinFiveSeconds(
                                    HttpRequest.newBuilder(URI.create(experiment + "/metrics")));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                queuedMetrics.forEach(CompletableFuture::join);
                long start = System.nanoTime();
                HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")));
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("DOWN");
                start = System.nanoTime();
                HttpResponse<String> scrape = send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")));
                long scrapeMillis = (System.nanoTime() - start) / 1_000_000;
                assertThat(scrapeMillis).as("scraped in %d ms", scrapeMillis).isLessThan(5_000);
                assertThat(scrape.statusCode()).isEqualTo(200);
                assertThat(scrape.body()).contains("jvm_memory_used_bytes");
                assertThat(scrape.body()).contains("distillery_experiments{status=\"QUEUED\"} NaN");
            } finally {
                signal("-CONT", postgres);
            }
            assertAnswersAgain(HttpRequest.newBuilder(URI.create(experiment)));
        }
    }

    @Test
    void aKeyCreatedByAnAdminMeetsAFrozenDatabaseWithA503() throws Exception {
        String admin = "admin-secret-freeze";
        try (ConfigurableApplicationContext service = start(
                "--distillery.security.enabled=true",
                "--distillery.security.keys[0].name=admin",
                "--distillery.security.keys[0].hash=" + Sha256.hex(admin),
                "--distillery.security.keys[0].roles=admin")) {
            String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/keys"))
                    .header("X-API-Key", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"ci\", \"roles\": [\"reader\"]}")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String stored = JSON.readTree(created.body()).get("key").asString();
            HttpRequest.Builder list = HttpRequest.newBuilder(URI.create(base + "/api/v1/experiments"))
                    .header("X-API-Key", stored);
            assertThat(send(list).statusCode()).isEqualTo(200);
            List<String> postgres = postgresProcesses();
            signal("-STOP", postgres);
            try {
                assertUnavailableWithinFiveSeconds(list); // the stored key cannot be looked up
            } finally {
                signal("-CONT", postgres);
            }
            assertAnswersAgain(list);
        }
    }

    /** A service without workers on its own embedded PostgreSQL in {@link #dataDir}, with {@code more} arguments. */
    private ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--distillery.data-dir=" + dataDir,
                "--distillery.workers=0",
                "--distillery.devices=cpu",
                "--server.port=0"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
    }

    /** 503 problem+json "Database unavailable" with Retry-After, answered in under 5 s. */
    private void assertUnavailableWithinFiveSeconds(HttpRequest.Builder request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = send(request);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("answered in %d ms", millis).isLessThan(5_000);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(answer.headers().firstValue("Retry-After")).contains("5");
        assertThat(answer.body()).contains("Database unavailable");
    }

    /** The request answers 200 again within 30 s of PostgreSQL running again. */
    private void assertAnswersAgain(HttpRequest.Builder request) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        int status = 0;
        while (status != 200 && Instant.now().isBefore(deadline)) {
            status = send(request).statusCode();
            Thread.sleep(200);
        }
        assertThat(status).isEqualTo(200);
    }

    /** A run that succeeded after two epochs, test top-1 {@code top1} then {@code 2 * top1}. */
    private static UUID endedRun(ConfigurableApplicationContext service, SimulatedRuns runs, double top1) {
        UUID id = submitted(service);
        runs.finish(id, top1, 2 * top1);
        return id;
    }

    private static UUID submitted(ConfigurableApplicationContext service) {
        ExperimentSpec spec = new ExperimentSpec(
                "ended",
                "ce",
                null,
                new ExperimentSpec.ModelSpec("mlp"),
                new ExperimentSpec.DatasetSpec("synthetic", null, 100, 50),
                null,
                null,
                null,
                new TrainingSpec(2, 64, null, 0.01, null, null, null, null, null, null),
                null,
                1L,
                0,
                null,
                null);
        return service.getBean(ExperimentSubmission.class)
                .submit(spec, Caller.ANONYMOUS)
                .id();
    }

    private static List<Double> testTop1s(String metrics) {
        List<Double> values = new ArrayList<>();
        JSON.readTree(metrics)
                .get("epochs")
                .forEach(epoch -> values.add(epoch.get("testTop1").asDouble()));
        return values;
    }

    private String get(String url) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The postmaster (first line of its pid file) and every process under it. */
    private List<String> postgresProcesses() throws Exception {
        long postmaster =
                Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                        .get(0)
                        .trim());
        ProcessHandle root = ProcessHandle.of(postmaster).orElseThrow();
        List<String> pids = new ArrayList<>();
        Stream.concat(Stream.of(root), root.descendants()).forEach(p -> pids.add(Long.toString(p.pid())));
        return pids;
    }

    private static void signal(String signal, List<String> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }
}
