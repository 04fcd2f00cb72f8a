package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Real tiny experiments over real HTTP: submitted, queued, trained with DJL, metrics and checkpoints persisted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
class EndToEndTest {

    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @LocalServerPort
    int port;

    private ServiceClient service;

    @BeforeEach
    void client() {
        service = new ServiceClient(port);
    }

    @Test
    void aTinyExperimentRunsToSucceededWithItsMetricsAndCheckpointsPersisted() throws Exception {
        String location = service.submit(
                """
                {"name": "e2e", "method": "ce", "student": {"architecture": "lenet5"},
                 "dataset": {"name": "synthetic", "trainLimit": 400, "testLimit": 200},
                 "training": {"epochs": 2, "batchSize": 32, "learningRate": 0.05}, "seed": 11}""");

        DocumentContext finished = service.awaitTerminal(location, PATIENCE);
        assertThat(finished.read("$.status", String.class))
                .as(finished.jsonString())
                .isEqualTo("SUCCEEDED");
        assertThat(finished.read("$.progress", Double.class)).isEqualTo(1.0);
        assertThat(finished.read("$.currentEpoch", Integer.class)).isEqualTo(2);
        assertThat(finished.read("$.startedAt", String.class)).isNotNull();
        assertThat(finished.read("$.finishedAt", String.class)).isNotNull();
        assertThat(finished.read("$.last.epoch", Integer.class)).isEqualTo(2);
        assertThat(finished.read("$.device", String.class)).isEqualTo("cpu");
        assertThat(finished.read("$.spec.device", String.class)).isEqualTo("any");
        assertThat(finished.read("$.best.testTop1", Double.class)).isBetween(0.0, 1.0);

        List<Map<String, Object>> epochs = service.json(location + "/metrics").read("$.epochs");
        assertThat(epochs).hasSize(2);
        assertThat(epochs).extracting(e -> e.get("epoch")).containsExactly(1, 2);
        for (Map<String, Object> epoch : epochs) {
            assertThat(((Number) epoch.get("trainLoss")).doubleValue())
                    .isPositive()
                    .isFinite();
            assertThat(((Number) epoch.get("testTop1")).doubleValue()).isBetween(0.0, 1.0);
            assertThat(((Number) epoch.get("testTop5")).doubleValue())
                    .isGreaterThanOrEqualTo(((Number) epoch.get("testTop1")).doubleValue());
            assertThat(((Number) epoch.get("learningRate")).doubleValue()).isEqualTo(0.05);
            assertThat(((Number) epoch.get("samplesPerSecond")).doubleValue()).isPositive();
        }
        assertThat(service.get(location + "/metrics", "text/csv").body().lines())
                .hasSize(3);

        checkpointsAreListedAndDownloadIntact(location);

        HttpResponse<String> cancelFinished = service.post(location + "/cancel", null);
        assertThat(cancelFinished.statusCode()).isEqualTo(409);
        assertThat(cancelFinished.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private void checkpointsAreListedAndDownloadIntact(String location) throws Exception {
        DocumentContext checkpoints = service.json(location + "/checkpoints");
        assertThat(checkpoints.read("$[*].name", List.class)).containsExactlyInAnyOrder("best", "last", "resume-0002");
        String bestSha = checkpoints
                .read("$[?(@.name == 'best')].sha256", List.class)
                .get(0)
                .toString();
        HttpResponse<byte[]> best = service.download(location + "/checkpoints/best");
        assertThat(best.statusCode()).isEqualTo(200);
        assertThat(best.headers().firstValue("ETag")).hasValue("\"" + bestSha + "\"");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(best.body())))
                .isEqualTo(bestSha);
        assertThat(service.download(location + "/checkpoints/latest").statusCode())
                .isEqualTo(400);
        assertThat(service.download(location + "/checkpoints/..%2F..%2Fetc%2Fpasswd")
                        .statusCode())
                .isIn(400, 404);
        assertThat(service.download(location + "/checkpoints/epoch-0001").statusCode())
                .isEqualTo(404);
    }

    @Test
    void lenet5OnFashionMnistPassesSeventyFivePercentInTwoEpochsOnFiveThousandImages() throws Exception {
        Assumptions.assumeTrue(
                Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "Debian's dataset-fashion-mnist is not installed");
        String location = service.submit(
                """
                {"method": "ce", "student": {"architecture": "lenet5"},
                 "dataset": {"name": "fashion-mnist", "trainLimit": 5000},
                 "training": {"epochs": 2, "learningRate": 0.01}, "seed": 42}""");
        DocumentContext finished = service.awaitTerminal(location, PATIENCE);
        assertThat(finished.read("$.status", String.class))
                .as(finished.jsonString())
                .isEqualTo("SUCCEEDED");
        assertThat(finished.read("$.spec.training.momentum", Double.class)).isEqualTo(0.9);
        assertThat(finished.read("$.best.testTop1", Double.class)).isGreaterThan(0.75);
    }

    @Test
    void aRunningExperimentIsCancelledWithinSecondsKeepingWhatItRecorded() throws Exception {
        String location = service.submit(
                """
                {"name": "long", "method": "ce", "student": {"architecture": "lenet5"},
                 "dataset": {"name": "synthetic", "testLimit": 200},
                 "training": {"epochs": 200, "learningRate": 0.01}, "seed": 3}""");
        Instant deadline = Instant.now().plus(PATIENCE);
        while (service.json(location).read("$.currentEpoch", Integer.class) < 1
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        HttpResponse<String> cancel = service.post(location + "/cancel", null);
        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(com.jayway.jsonpath.JsonPath.parse(cancel.body()).read("$.cancelRequested", Boolean.class))
                .isTrue();
        Instant asked = Instant.now();

        DocumentContext finished = service.awaitTerminal(location, PATIENCE);
        assertThat(finished.read("$.status", String.class)).isEqualTo("CANCELLED");
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(10));
        int epochs = finished.read("$.currentEpoch", Integer.class);
        assertThat(epochs).isBetween(1, 199);
        assertThat(service.json(location + "/metrics").read("$.epochs", List.class))
                .hasSize(epochs);
        assertThat(service.json(location + "/checkpoints").read("$[*].name", List.class))
                .contains("last");
        assertThat(service.post(location + "/cancel", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theEventStreamDeliversEpochsAndTheFinalStatusOfARealRun() throws Exception {
        String location = service.submit(
                """
                {"method": "ce", "student": {"architecture": "mlp"},
                 "dataset": {"name": "synthetic", "trainLimit": 300, "testLimit": 100},
                 "training": {"epochs": 3, "learningRate": 0.01}, "seed": 4}""");
        List<String> lines = service.stream(location + "/events").toList();

        assertThat(lines).filteredOn("event:epoch"::equals).hasSize(3);
        assertThat(lines)
                .filteredOn(line -> line.startsWith("data:") && line.contains("\"testTop1\""))
                .hasSize(3);
        assertThat(lines.stream()
                        .filter(line -> line.startsWith("data:"))
                        .reduce((a, b) -> b)
                        .orElseThrow())
                .contains("\"status\":\"SUCCEEDED\"");
        assertThat(service.get("/api/v1/experiments/" + java.util.UUID.randomUUID() + "/events", "text/event-stream")
                        .statusCode())
                .isEqualTo(404);
    }

    /** No GPU worker has ever started on this deployment: a GPU spec would wait forever, so it is refused. */
    @Test
    void anExperimentThatNeedsAGpuIsRefusedWhereNoGpuWorkerWasEverSeen() throws Exception {
        HttpResponse<String> refused = service.post(
                "/api/v1/experiments",
                """
                {"method": "ce", "student": {"architecture": "mlp"}, "device": "gpu",
                 "dataset": {"name": "synthetic", "trainLimit": 100, "testLimit": 50},
                 "training": {"epochs": 1}}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        DocumentContext problem = com.jayway.jsonpath.JsonPath.parse(refused.body());
        assertThat(problem.read("$.errors[0].field", String.class)).isEqualTo("device");
        assertThat(problem.read("$.errors[0].message", String.class)).contains("no GPU worker has ever been seen");
    }

    @Test
    void aDivergingRunFailsNamingTheEpochAndTheLastFiniteLoss() throws Exception {
        String location = service.submit(
                """
                {"method": "ce", "student": {"architecture": "mlp"},
                 "dataset": {"name": "synthetic", "trainLimit": 640, "testLimit": 100},
                 "training": {"epochs": 3, "learningRate": 1e6}, "seed": 1}""");
        DocumentContext failed = service.awaitTerminal(location, PATIENCE);
        assertThat(failed.read("$.status", String.class)).isEqualTo("FAILED");
        assertThat(failed.read("$.error", String.class))
                .contains("diverged", "epoch 1", "last finite loss")
                .containsAnyOf("NaN", "Infinity");
    }

    @Test
    void gatesAreEvaluatedWhenARunEnds() throws Exception {
        String spec =
                """
                {"method": "ce", "student": {"architecture": "mlp"},
                 "dataset": {"name": "synthetic", "trainLimit": 300, "testLimit": 100},
                 "training": {"epochs": 1, "learningRate": 0.01}, "seed": 8, "expect": %s}""";
        String baseline = service.submit(spec.formatted("{\"minBestTestTop1\": 0.0}"));
        DocumentContext passed = service.json(baseline + "?waitFor=terminal&timeout=PT3M");
        assertThat(passed.read("$.status", String.class)).isEqualTo("SUCCEEDED");
        assertThat(passed.read("$.gate.status", String.class)).isEqualTo("PASSED");
        String baselineId = baseline.substring(baseline.lastIndexOf('/') + 1);

        String strict = service.submit(spec.formatted("{\"minBestTestTop1\": 0.99, \"minDeltaVsExperiment\": "
                + "{\"experimentId\": \"" + baselineId + "\", \"min\": 0.5}}"));
        DocumentContext failed = service.json(strict + "?waitFor=terminal&timeout=PT3M");
        assertThat(failed.read("$.status", String.class)).isEqualTo("SUCCEEDED");
        assertThat(failed.read("$.gate.status", String.class)).isEqualTo("FAILED");
        assertThat(failed.read("$.gate.reasons", List.class)).hasSize(2);
        assertThat(failed.read("$.spec.expect.minDeltaVsExperiment.metric", String.class))
                .isEqualTo("bestTestTop1");
    }

    @Test
    void theCatalogAndHealthAnswer() throws Exception {
        DocumentContext catalog = service.json("/api/v1/catalog");
        assertThat(catalog.read("$.architectures[*].name", List.class)).contains("mlp", "lenet5", "resnet8x4");
        assertThat(catalog.read("$.methods[*].name", List.class)).contains("ce", "kd", "dkd");
        assertThat(catalog.read("$.datasets[*].name", List.class))
                .contains("synthetic", "fashion-mnist", "mnist", "cifar10", "cifar100");
        assertThat(catalog.read("$.datasets[?(@.name == 'synthetic')].present", List.class))
                .containsExactly(true);
        assertThat(catalog.read("$.methods[?(@.name == 'kd')].zscoreDefaults.temperature", List.class))
                .containsExactly(2.0);
        assertThat(service.get("/actuator/health", "application/json").body()).contains("\"UP\"");
        assertThat(service.get("/swagger-ui.html", "text/html").statusCode()).isLessThan(400);
        assertThat(service.get("/actuator/prometheus", "text/plain").body())
                .contains(
                        "distillery_experiments{status=\"QUEUED\"}",
                        "distillery_running_experiments{device=\"cpu\"}",
                        "distillery_epoch_duration_seconds",
                        "distillery_training_samples_per_second");
    }
}
