package dev.distillery.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database freezes (every PostgreSQL process SIGSTOPped: connections hang with no reset, as in a network
 * partition). Meanwhile the API answers 503 problem+json with Retry-After within 5 s, never a 500 or a hang, and
 * {@code /actuator/health} reports DOWN; once PostgreSQL runs again (SIGCONT), the API answers as before.
 */
class DatabaseFreezeTest {

    private final Path dataDir =
            Path.of("target", "test-data", "freeze-" + UUID.randomUUID()).toAbsolutePath();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aFrozenDatabaseIsA503WithinFiveSecondsAndHealthDownThenServiceResumes() throws Exception {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run(
                        "--distillery.data-dir=" + dataDir,
                        "--distillery.workers=0",
                        "--distillery.devices=cpu",
                        "--server.port=0")) {
            String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/experiments"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, "
                                    + "\"dataset\": {\"name\": \"synthetic\"}}")));
            assertThat(created.statusCode()).isEqualTo(201);
            String location = created.headers().firstValue("Location").orElseThrow();
            String experiment = location.startsWith("/") ? base + location : location;
            List<String> postgres = postgresProcesses();
            signal("-STOP", postgres);
            try {
                for (String path : List.of(experiment, base + "/api/v1/experiments?status=QUEUED", experiment)) {
                    long start = System.nanoTime();
                    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(path)));
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertThat(millis).as("answered in %d ms", millis).isLessThan(5_000);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                    assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                            .startsWith("application/problem+json");
                    assertThat(answer.headers().firstValue("Retry-After")).contains("5");
                    assertThat(answer.body()).contains("Database unavailable");
                }
                long start = System.nanoTime();
                HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")));
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("DOWN");
            } finally {
                signal("-CONT", postgres);
            }
            Instant deadline = Instant.now().plusSeconds(30);
            int status = 0;
            while (status != 200 && Instant.now().isBefore(deadline)) {
                status = send(HttpRequest.newBuilder(URI.create(experiment))).statusCode();
                Thread.sleep(200);
            }
            assertThat(status).isEqualTo(200);
        }
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
