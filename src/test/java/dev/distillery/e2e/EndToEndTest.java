package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** A real tiny experiment over real HTTP: submitted, queued, trained with DJL, metrics persisted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
class EndToEndTest {

    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTinyExperimentRunsToSucceededWithItsMetricsPersisted() throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/experiments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "e2e", "method": "ce", "student": {"architecture": "lenet5"},
                         "dataset": {"name": "synthetic", "trainLimit": 400, "testLimit": 200},
                         "training": {"epochs": 2, "batchSize": 32, "learningRate": 0.05}, "seed": 11}""")));
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();

        DocumentContext finished = awaitTerminal(location);
        assertThat(finished.read("$.status", String.class)).as(finished.jsonString()).isEqualTo("SUCCEEDED");
        assertThat(finished.read("$.progress", Double.class)).isEqualTo(1.0);
        assertThat(finished.read("$.currentEpoch", Integer.class)).isEqualTo(2);
        assertThat(finished.read("$.startedAt", String.class)).isNotNull();
        assertThat(finished.read("$.finishedAt", String.class)).isNotNull();
        assertThat(finished.read("$.last.epoch", Integer.class)).isEqualTo(2);
        assertThat(finished.read("$.best.testTop1", Double.class)).isBetween(0.0, 1.0);

        DocumentContext metrics = JsonPath.parse(get(location + "/metrics", "application/json").body());
        List<Map<String, Object>> epochs = metrics.read("$.epochs");
        assertThat(epochs).hasSize(2);
        assertThat(epochs).extracting(e -> e.get("epoch")).containsExactly(1, 2);
        for (Map<String, Object> epoch : epochs) {
            assertThat(((Number) epoch.get("trainLoss")).doubleValue()).isPositive().isFinite();
            assertThat(((Number) epoch.get("testTop1")).doubleValue()).isBetween(0.0, 1.0);
            assertThat(((Number) epoch.get("testTop5")).doubleValue())
                    .isGreaterThanOrEqualTo(((Number) epoch.get("testTop1")).doubleValue());
            assertThat(((Number) epoch.get("learningRate")).doubleValue()).isEqualTo(0.05);
            assertThat(((Number) epoch.get("samplesPerSecond")).doubleValue()).isPositive();
        }
        assertThat(get(location + "/metrics", "text/csv").body().lines()).hasSize(3);

        HttpResponse<String> cancelFinished = send(HttpRequest.newBuilder(uri(location + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(cancelFinished.statusCode()).isEqualTo(409);
        assertThat(cancelFinished.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void lenet5OnFashionMnistPassesSeventyFivePercentInTwoEpochsOnFiveThousandImages() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "Debian's dataset-fashion-mnist is not installed");
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/experiments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"method": "ce", "student": {"architecture": "lenet5"},
                         "dataset": {"name": "fashion-mnist", "trainLimit": 5000},
                         "training": {"epochs": 2, "learningRate": 0.01}}""")));
        assertThat(created.statusCode()).isEqualTo(201);
        DocumentContext finished = awaitTerminal(created.headers().firstValue("Location").orElseThrow());
        assertThat(finished.read("$.status", String.class)).as(finished.jsonString()).isEqualTo("SUCCEEDED");
        assertThat(finished.read("$.spec.training.momentum", Double.class)).isEqualTo(0.9);
        assertThat(finished.read("$.best.testTop1", Double.class)).isGreaterThan(0.75);
    }

    @Test
    void theCatalogAndHealthAnswer() throws Exception {
        DocumentContext catalog = JsonPath.parse(get("/api/v1/catalog", "application/json").body());
        assertThat(catalog.read("$.architectures[*].name", List.class)).contains("mlp", "lenet5");
        assertThat(catalog.read("$.methods[*].name", List.class)).contains("ce", "kd");
        assertThat(catalog.read("$.datasets[*].name", List.class))
                .contains("synthetic", "fashion-mnist", "mnist", "cifar10", "cifar100");
        assertThat(catalog.read("$.datasets[?(@.name == 'synthetic')].present", List.class)).containsExactly(true);
        assertThat(catalog.read("$.defaults.zscore.temperature", Double.class)).isEqualTo(2.0);
        assertThat(get("/actuator/health", "application/json").body()).contains("\"UP\"");
        assertThat(get("/swagger-ui.html", "text/html").statusCode()).isLessThan(400);
    }

    private DocumentContext awaitTerminal(String location) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            DocumentContext view = JsonPath.parse(get(location, "application/json").body());
            String status = view.read("$.status");
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status) || Instant.now().isAfter(deadline)) {
                return view;
            }
            Thread.sleep(250);
        }
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
