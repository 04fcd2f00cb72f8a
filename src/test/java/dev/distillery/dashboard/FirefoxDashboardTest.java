package dev.distillery.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboard in Firefox (Debian's firefox-esr, over WebDriver BiDi): the list shows a finished run and its page
 * plots every epoch the API reports, with no error in the console. The Chromium tests cover the rest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
class FirefoxDashboardTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The series of a chart once it is on screen and drawn, as JSON: [[epochs], [series 1], …]. */
    private static final String PLOTTED =
            """
            (async () => {
              const plot = window.distillery && window.distillery.charts['%s'];
              if (!plot) return null;
              plot.root.scrollIntoView();
              await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))));
              return JSON.stringify(plot.data.map(s => Array.from(s)));
            })()""";

    @LocalServerPort
    int port;

    @Test
    void theListAndARunsCurvesShowWhatTheApiHolds() throws Exception {
        assumeTrue(Files.isExecutable(FirefoxBidi.FIREFOX), "Firefox check skipped: apt-get install -y firefox-esr");
        DashboardBrowser.Api api = new DashboardBrowser.Api(port, null);
        String id = finishedRun(api);
        List<Map<String, Object>> epochs = JsonPath.parse(api.get("/api/v1/experiments/" + id + "/metrics"))
                .read("$.epochs");
        String base = "http://localhost:" + port + "/";

        try (FirefoxBidi firefox = new FirefoxBidi()) {
            firefox.open(base + "#/experiments");
            String row = firefox.await(
                    "document.querySelector(\"tr[data-id='" + id + "']\")?.textContent ?? null",
                    text -> text != null && text.contains("SUCCEEDED"),
                    PATIENCE);
            assertThat(row).contains("firefox run").contains("ce").contains("lenet5");

            firefox.open(base + "#/experiment/" + id);
            String loss = firefox.await(
                    PLOTTED.formatted("loss"), json -> json != null && !json.equals("[[],[],[]]"), PATIENCE);
            List<List<Number>> plotted = JsonPath.parse(loss).read("$");
            assertThat(plotted).hasSize(3);
            assertThat(plotted.get(0)).hasSize(epochs.size());
            for (int i = 0; i < epochs.size(); i++) {
                assertThat(plotted.get(0).get(i).intValue())
                        .isEqualTo(((Number) epochs.get(i).get("epoch")).intValue());
                assertThat(plotted.get(1).get(i).doubleValue())
                        .isCloseTo(((Number) epochs.get(i).get("trainLoss")).doubleValue(), within(1e-12));
                assertThat(plotted.get(2).get(i).doubleValue())
                        .isCloseTo(((Number) epochs.get(i).get("testLoss")).doubleValue(), within(1e-12));
            }
            assertThat(firefox.consoleErrors).as("console errors in Firefox").isEmpty();
        }
    }

    private static String finishedRun(DashboardBrowser.Api api) throws InterruptedException {
        var created = api.send(
                "POST",
                "/api/v1/experiments",
                "{\"name\": \"firefox run\", \"method\": \"ce\", \"student\": {\"architecture\": \"lenet5\"}, "
                        + "\"dataset\": {\"name\": \"synthetic\", \"trainLimit\": 512, \"testLimit\": 128}, "
                        + "\"training\": {\"epochs\": 3, \"learningRate\": 0.01}, \"seed\": 3}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.read(created.body(), "$.id");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String status = "";
        while (!status.equals("SUCCEEDED") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = JsonPath.read(api.get("/api/v1/experiments/" + id), "$.status");
        }
        assertThat(status).isEqualTo("SUCCEEDED");
        return id;
    }
}
