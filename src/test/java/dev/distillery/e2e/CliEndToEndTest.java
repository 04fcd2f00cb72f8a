package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.shared.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** bin/distillery against a live service with API keys on: exit codes a CI job can rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
class CliEndToEndTest {

    private static final String SPEC =
            """
            {"method": "ce", "student": {"architecture": "mlp"},
             "dataset": {"name": "synthetic", "trainLimit": 300, "testLimit": 100},
             "training": {"epochs": 1, "learningRate": 0.01}, "seed": 2, "expect": %s}""";

    private static final String SUBMITTER_KEY = "cli-submitter-3b7e";
    private static final String READER_KEY = "cli-reader-91ac";
    private static final String NO_ROOM_KEY = "cli-no-room-55d0";

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("distillery.security.enabled", () -> "true");
        key(registry, 0, "ci", SUBMITTER_KEY, "submitter", 100);
        key(registry, 1, "dashboard", READER_KEY, "reader", 100);
        key(registry, 2, "no-room", NO_ROOM_KEY, "submitter", 0);
    }

    private static void key(
            DynamicPropertyRegistry registry, int index, String name, String key, String role, int maxQueued) {
        String prefix = "distillery.security.keys[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "hash", () -> Sha256.hex(key));
        registry.add(prefix + "roles", () -> role);
        registry.add(prefix + "max-queued", () -> maxQueued);
    }

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @Test
    void submitAndWaitExitsZeroWhenTheRunSucceedsAndItsGatesPass() throws Exception {
        Path spec = Files.writeString(dir.resolve("ok.json"), SPEC.formatted("{\"minBestTestTop1\": 0.0}"));
        Result result = cli("submit", spec.toString(), "--wait", "--idempotency-key", "ci-" + port);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("submitted", "SUCCEEDED", "gate PASSED");

        Result again = cli("submit", spec.toString(), "--idempotency-key", "ci-" + port);
        assertThat(again.output().lines().findFirst().orElseThrow())
                .isEqualTo(result.output().lines().findFirst().orElseThrow());
    }

    @Test
    void aGateThatCannotPassExitsWithTheGateFailedCode() throws Exception {
        Path spec = Files.writeString(dir.resolve("strict.json"), SPEC.formatted("{\"minBestTestTop1\": 0.999}"));
        Result result = cli("submit", spec.toString(), "--wait");
        assertThat(result.exit()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("SUCCEEDED", "gate FAILED");
        String id = result.output().lines().findFirst().orElseThrow().replace("submitted ", "");
        assertThat(cli("status", id).exit()).isEqualTo(2);
    }

    @Test
    void usageErrorsRefusalsAndAnUnreachableServiceHaveTheirOwnCodes() throws Exception {
        assertThat(cli().exit()).isEqualTo(64);
        assertThat(cli("submit", dir.resolve("missing.json").toString()).exit()).isEqualTo(64);
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"method\": \"nope\"}");
        Result refused = cli("submit", bad.toString());
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.output()).contains("400");
        assertThat(cli("cancel", "00000000-0000-0000-0000-000000000000").exit()).isEqualTo(3);
        assertThat(run(List.of("status", "x"), "http://127.0.0.1:1", SUBMITTER_KEY)
                        .exit())
                .isEqualTo(69);
    }

    @Test
    void missingOrInsufficientKeysAndAFullQueueHaveTheirOwnCodes() throws Exception {
        Path spec = Files.writeString(dir.resolve("any.json"), SPEC.formatted("{}"));
        String url = "http://localhost:" + port;
        Result anonymous = run(List.of("submit", spec.toString()), url, null);
        assertThat(anonymous.exit()).as(anonymous.output()).isEqualTo(77);
        assertThat(anonymous.output()).contains("401");
        Result reader = run(List.of("submit", spec.toString()), url, READER_KEY);
        assertThat(reader.exit()).as(reader.output()).isEqualTo(77);
        assertThat(reader.output()).contains("403");
        Result full = run(List.of("submit", spec.toString()), url, NO_ROOM_KEY);
        assertThat(full.exit()).as(full.output()).isEqualTo(75);
        assertThat(full.output()).contains("429", "retry after 60 s");
    }

    @Test
    void hashKeyPrintsWhatTheConfigurationExpects() throws Exception {
        Process process = new ProcessBuilder("bash", "bin/distillery", "hash-key").start();
        process.getOutputStream().write(SUBMITTER_KEY.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(output).isEqualTo(Sha256.hex(SUBMITTER_KEY));
    }

    private Result cli(String... args) throws IOException, InterruptedException {
        return run(List.of(args), "http://localhost:" + port, SUBMITTER_KEY);
    }

    private static Result run(List<String> args, String url, String apiKey) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "bin/distillery"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISTILLERY_URL", url);
        builder.environment().remove("DISTILLERY_API_KEY");
        if (apiKey != null) {
            builder.environment().put("DISTILLERY_API_KEY", apiKey);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {}
}
