package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.experiments.ExperimentCancellation;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.tracking.CheckpointStore;
import dev.distillery.training.data.DataFixtures;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inputs that change between submission and training: a dataset file truncated, and a teacher checkpoint whose bytes
 * no longer match their SHA-256. Each run FAILS naming the file; neither hangs. The worker is kept busy by a blocker
 * while the inputs are spoiled, so both are spoiled before their runs start.
 */
class PoisonedInputsTest {

    private final Path data = Path.of("target", "test-data", "poisoned-" + UUID.randomUUID());

    @Test
    void aTruncatedDatasetFileAndATeacherCheckpointWithAnotherShaFailTheirRunsNamingThem() throws Exception {
        Path mnist = Files.createDirectories(data.resolve("mnist")).toAbsolutePath();
        DataFixtures.writeIdxDataset(mnist, 256, 64, true);
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run(
                        "--distillery.workers=1",
                        "--distillery.devices=cpu",
                        "--server.port=0",
                        // a spec's dataset.path must lie under the dataset roots (issue #13)
                        "--distillery.datasets.roots=" + data.toAbsolutePath())) {
            ExperimentSubmission submission = service.getBean(ExperimentSubmission.class);
            ExperimentQueries queries = service.getBean(ExperimentQueries.class);
            JsonMapper json = service.getBean(JsonMapper.class);
            UUID teacher = submit(service, json, ce("\"name\": \"synthetic\", \"trainLimit\": 256, \"testLimit\": 64"));
            assertThat(TinyExperiments.awaitTerminal(queries, List.of(teacher))
                            .get(0)
                            .status())
                    .isEqualTo(ExperimentStatus.SUCCEEDED);

            UUID blocker = submission
                    .submit(TinyExperiments.spec("blocker", 500, 1, 10), Caller.ANONYMOUS)
                    .id();
            awaitRunning(queries, blocker);
            UUID onMnist =
                    submit(service, json, ce("\"name\": \"mnist\", \"path\": \"" + mnist + "\", \"trainLimit\": 256"));
            UUID student = submit(
                    service,
                    json,
                    """
                    {"method": "kd", "teacher": {"experimentId": "%s", "checkpoint": "best"},
                     "student": {"architecture": "mlp"},
                     "dataset": {"name": "synthetic", "trainLimit": 256, "testLimit": 64},
                     "training": {"epochs": 1, "batchSize": 32, "learningRate": 0.01}, "seed": 1}"""
                            .formatted(teacher));
            Path images = mnist.resolve("train-images-idx3-ubyte.gz");
            try (RandomAccessFile file = new RandomAccessFile(images.toFile(), "rw")) {
                file.setLength(file.length() / 2);
            }
            Path best = service.getBean(CheckpointStore.class).localFile(teacher, "best");
            byte[] bytes = Files.readAllBytes(best);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(best, bytes);
            service.getBean(ExperimentCancellation.class).cancel(blocker, Caller.ANONYMOUS);

            List<ExperimentSummary> ended = TinyExperiments.awaitTerminal(queries, List.of(onMnist, student));

            assertThat(ended.get(0).status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(ended.get(0).error()).contains(images.toString()).contains("truncated or corrupt");
            assertThat(ended.get(1).status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(ended.get(1).error())
                    .contains("'best' checkpoint of experiment " + teacher)
                    .contains("is corrupt: SHA-256");
        }
    }

    private static String ce(String dataset) {
        return """
                {"method": "ce", "student": {"architecture": "mlp"}, "dataset": {%s},
                 "training": {"epochs": 1, "batchSize": 32, "learningRate": 0.01}, "seed": 1}"""
                .formatted(dataset);
    }

    private static UUID submit(ConfigurableApplicationContext service, JsonMapper json, String spec) {
        return service.getBean(ExperimentSubmission.class)
                .submit(json.readValue(spec, ExperimentSpec.class), Caller.ANONYMOUS)
                .id();
    }

    private static void awaitRunning(ExperimentQueries queries, UUID id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (queries.get(id).status() != ExperimentStatus.RUNNING
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(queries.get(id).status()).isEqualTo(ExperimentStatus.RUNNING);
    }
}
