package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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

/** bin/distillery against a live service: exit codes a CI job can rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
class CliEndToEndTest {

    private static final String SPEC = """
            {"method": "ce", "student": {"architecture": "mlp"},
             "dataset": {"name": "synthetic", "trainLimit": 300, "testLimit": 100},
             "training": {"epochs": 1, "learningRate": 0.01}, "seed": 2, "expect": %s}""";

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
        assertThat(run(List.of("status", "x"), "http://127.0.0.1:1").exit()).isEqualTo(69);
    }

    private Result cli(String... args) throws IOException, InterruptedException {
        return run(List.of(args), "http://localhost:" + port);
    }

    private static Result run(List<String> args, String url) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "bin/distillery"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISTILLERY_URL", url);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }
}
