package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The service is killed with SIGKILL mid-training five times, at different points, and started
 * again each time: the experiment resumes from its last checkpoint and SUCCEEDS with epochs 1..N
 * recorded once each, the rows written before each crash unchanged.
 */
class CrashResumeTest {

    private static final int EPOCHS = 8;
    private static final int KILLS = 5;

    @Test
    void anExperimentSurvivesRepeatedSigkillsAndResumesFromItsLastCheckpoint() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-data", "crash-" + UUID.randomUUID()));
        Random when = new Random(7);
        try (ServiceProcess service = new ServiceProcess(
                dir.resolve("data"),
                List.of(
                        "--distillery.workers=1",
                        "--distillery.queue.heartbeat-interval=1s",
                        "--distillery.queue.poll-interval=200ms",
                        "--distillery.max-attempts=" + (KILLS + 1),
                        "--logging.level.io.zonky=WARN"))) {
            service.start(dir.resolve("service-0.log"));
            ServiceClient client = new ServiceClient(service.port());
            String location = client.submit(
                    """
                    {"name": "crash", "method": "ce", "student": {"architecture": "lenet5"},
                     "dataset": {"name": "synthetic", "trainLimit": 2500, "testLimit": 300},
                     "training": {"epochs": %d, "learningRate": 0.01}, "seed": 9}"""
                            .formatted(EPOCHS));
            Map<Integer, Map<String, Object>> before = new LinkedHashMap<>();
            for (int kill = 1; kill <= KILLS; kill++) {
                awaitEpoch(client, location, kill);
                Thread.sleep(when.nextInt(700));
                rows(client, location).forEach(row -> before.put((Integer) row.get("epoch"), row));
                service.kill();
                service.start(dir.resolve("service-" + kill + ".log"));
            }
            DocumentContext finished = client.awaitTerminal(location, Duration.ofMinutes(5));

            assertThat(finished.read("$.status", String.class))
                    .as(finished.jsonString())
                    .isEqualTo("SUCCEEDED");
            assertThat(finished.read("$.attempts", Integer.class)).isBetween(2, KILLS + 1);
            List<Map<String, Object>> rows = rows(client, location);
            assertThat(rows)
                    .extracting(row -> row.get("epoch"))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, EPOCHS)
                            .boxed()
                            .toList());
            for (Map<String, Object> row : rows) {
                Map<String, Object> seen = before.get((Integer) row.get("epoch"));
                if (seen != null) {
                    assertThat(row)
                            .as("epoch %s recorded before a crash", row.get("epoch"))
                            .isEqualTo(seen);
                }
            }
            assertThat(before).isNotEmpty();
        }
    }

    @Test
    void onSigtermTheRunningEpochFinishesAndTheRunResumesAfterTheRestart() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-data", "sigterm-" + UUID.randomUUID()));
        try (ServiceProcess service = new ServiceProcess(
                dir.resolve("data"),
                List.of(
                        "--distillery.workers=1",
                        "--distillery.queue.poll-interval=200ms",
                        "--logging.level.io.zonky=WARN"))) {
            service.start(dir.resolve("service-0.log"));
            ServiceClient client = new ServiceClient(service.port());
            String location = client.submit(
                    """
                    {"name": "sigterm", "method": "ce", "student": {"architecture": "lenet5"},
                     "dataset": {"name": "synthetic", "trainLimit": 2500, "testLimit": 300},
                     "training": {"epochs": %d, "learningRate": 0.01}, "seed": 10}"""
                            .formatted(EPOCHS));
            awaitEpoch(client, location, 2);
            int beforeStop = client.json(location).read("$.currentEpoch", Integer.class);
            service.terminate();
            service.start(dir.resolve("service-1.log"));

            DocumentContext resumed = client.json(location);
            assertThat(resumed.read("$.currentEpoch", Integer.class)).isGreaterThan(beforeStop);
            DocumentContext finished = client.awaitTerminal(location, Duration.ofMinutes(5));
            assertThat(finished.read("$.status", String.class))
                    .as(finished.jsonString())
                    .isEqualTo("SUCCEEDED");
            assertThat(finished.read("$.attempts", Integer.class)).isEqualTo(2);
            assertThat(rows(client, location))
                    .extracting(row -> row.get("epoch"))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, EPOCHS)
                            .boxed()
                            .toList());
        }
    }

    private static void awaitEpoch(ServiceClient client, String location, int epoch) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (client.json(location).read("$.currentEpoch", Integer.class) < epoch) {
            assertThat(Instant.now()).as("epoch %d reached in time", epoch).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static List<Map<String, Object>> rows(ServiceClient client, String location) {
        return client.json(location + "/metrics").read("$.epochs");
    }
}
