package dev.distillery.comparison.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Three real tiny trainings, compared over real HTTP: deltas, specDiff, series, CSV and a chart. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
// Its own context, closed afterwards: a cached worker context that the test framework pauses (Lifecycle
// stop) and resumes stays "shutting down" (WorkerShutdown), which would break the e2e tests reusing it.
class ComparisonEndToEndTest {

    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final String SPEC =
            """
            {"method": "ce", "student": {"architecture": "%s"},
             "dataset": {"name": "synthetic", "trainLimit": 300, "testLimit": 150},
             "training": {"epochs": 2, "batchSize": 32, "learningRate": %s}, "seed": 5}""";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void comparesThreeRealRuns() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String spec : List.of(
                SPEC.formatted("mlp", "0.05"), SPEC.formatted("mlp", "0.1"), SPEC.formatted("lenet5", "0.05"))) {
            ids.add(JsonPath.read(send(post("/api/v1/experiments", spec)).body(), "$.id"));
        }
        List<DocumentContext> runs = new ArrayList<>();
        for (String id : ids) {
            runs.add(awaitTerminal("/api/v1/experiments/" + id));
        }
        runs.forEach(run -> assertThat(run.read("$.status", String.class))
                .as(run.jsonString())
                .isEqualTo("SUCCEEDED"));

        String query = "/api/v1/comparisons?ids=" + String.join(",", ids) + "&baseline=" + ids.get(1);
        DocumentContext c = JsonPath.parse(send(get(query, "application/json")).body());
        assertThat(c.read("$.baseline", String.class)).isEqualTo(ids.get(1));
        assertThat(c.read("$.specDiff", Map.class).keySet())
                .containsExactlyInAnyOrder("name", "student.architecture", "training.learningRate");
        assertThat(c.read("$.specDiff['training.learningRate']", List.class)).containsExactly(0.05, 0.1, 0.05);
        for (int i = 0; i < 3; i++) {
            double best = runs.get(i).read("$.best.testTop1", Double.class);
            double baselineBest = runs.get(1).read("$.best.testTop1", Double.class);
            assertThat(c.read("$.runs[" + i + "].best.testTop1", Double.class)).isEqualTo(best);
            assertThat(c.read("$.runs[" + i + "].delta.bestTestTop1", Double.class))
                    .isCloseTo(best - baselineBest, within(1e-12));
            assertThat(c.read("$.runs[" + i + "].wallSeconds", Double.class)).isPositive();
            assertThat(c.read("$.runs[" + i + "].samplesPerSecond", Double.class))
                    .isPositive();
            assertThat(c.read("$.series.metrics.testTop1['" + ids.get(i) + "']", List.class))
                    .hasSize(2);
        }
        assertThat(c.read("$.runs[1].delta.bestTestTop1", Double.class)).isZero();
        assertThat(c.read("$.series.epochs", List.class)).containsExactly(1, 2);

        String csv = send(get(query, "text/csv")).body();
        assertThat(csv.lines().count()).isEqualTo(1 + 3 * 2);
        HttpResponse<String> chart = send(
                get("/api/v1/comparisons/chart?ids=" + String.join(",", ids) + "&metric=trainLoss", "image/svg+xml"));
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
    }

    private DocumentContext awaitTerminal(String path) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            DocumentContext run =
                    JsonPath.parse(send(get(path, "application/json")).body());
            String status = run.read("$.status");
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status)
                    || Instant.now().isAfter(deadline)) {
                return run;
            }
            Thread.sleep(200);
        }
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder get(String path, String accept) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept)
                .GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
