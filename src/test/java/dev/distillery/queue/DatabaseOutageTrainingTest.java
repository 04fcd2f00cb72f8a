package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.training.EpochMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL goes away for 30 s twice while one run trains: first frozen (every process SIGSTOPped: a partition, no
 * reset), then stopped (connections refused) and started again on the same cluster. The worker keeps its progress in
 * memory, retries the epochs it could not record with backoff, and the run SUCCEEDS with every epoch recorded exactly
 * once and one attempt (each outage is shorter than the dead-worker limit of 4 × 15 s). While PostgreSQL is stopped
 * the API answers 503 problem+json with Retry-After within 5 s and health is DOWN. One run serves both outages to spare
 * the default test run a second service and training.
 */
class DatabaseOutageTrainingTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private final Path dataDir =
            Path.of("target", "test-data", "outage-" + UUID.randomUUID()).toAbsolutePath();
    private final EmbeddedPostgresOutage postgres = new EmbeddedPostgresOutage(dataDir);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRunSurvivesAFrozenAndAStoppedDatabaseWithEveryEpochOnceAndOneAttempt() throws Exception {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run(
                        "--distillery.data-dir=" + dataDir,
                        "--distillery.workers=1",
                        "--distillery.devices=cpu",
                        "--distillery.queue.progress-interval=0s",
                        "--server.port=0")) {
            String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
            ExperimentQueries queries = service.getBean(ExperimentQueries.class);
            int epochs = 40;
            UUID id = service.getBean(ExperimentSubmission.class)
                    .submit(TinyExperiments.spec("outlives outages", "lenet5", epochs, 4, 0), Caller.ANONYMOUS)
                    .id();
            awaitEpochs(queries, id, 2);
            assertThat(queries.get(id).status()).isEqualTo(ExperimentStatus.RUNNING);

            postgres.freeze();
            try {
                Thread.sleep(OUTAGE.toMillis());
            } finally {
                postgres.thaw();
            }
            awaitReadable(queries, id);
            int afterFreeze = queries.metrics(id).size();
            awaitEpochs(queries, id, afterFreeze + 1);
            assertThat(queries.get(id).status()).isEqualTo(ExperimentStatus.RUNNING);

            Instant stopped = Instant.now();
            postgres.stop();
            try {
                assertUnavailable(base + "/api/v1/experiments/" + id);
                assertUnavailable(base + "/api/v1/experiments?status=RUNNING");
                HttpResponse<String> health = timed(base + "/actuator/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("DOWN");
                Thread.sleep(Math.max(
                        0,
                        OUTAGE.minus(Duration.between(stopped, Instant.now())).toMillis()));
            } finally {
                postgres.start();
            }

            awaitReadable(queries, id);
            assertThat(timed(base + "/actuator/health").statusCode()).isEqualTo(200);
            ExperimentSummary done =
                    TinyExperiments.awaitTerminal(queries, List.of(id)).get(0);
            assertThat(done.status()).as(done.error()).isEqualTo(ExperimentStatus.SUCCEEDED);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(queries.metrics(id).stream().map(EpochMetrics::epoch))
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, epochs).boxed().toList());
        }
    }

    private void assertUnavailable(String url) throws Exception {
        HttpResponse<String> answer = timed(url);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(answer.headers().firstValue("Retry-After")).contains("5");
        assertThat(answer.body()).contains("Database unavailable");
    }

    /** A GET that must be answered within 5 s. */
    private HttpResponse<String> timed(String url) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("%s answered in %d ms", url, millis).isLessThan(5_000);
        return answer;
    }

    private static void awaitEpochs(ExperimentQueries queries, UUID id, int recorded) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (queries.metrics(id).size() < recorded && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    /** The pool's connections broke in the outage; the test's own reads wait until the database answers again. */
    private static void awaitReadable(ExperimentQueries queries, UUID id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                queries.get(id);
                return;
            } catch (RuntimeException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }
}
