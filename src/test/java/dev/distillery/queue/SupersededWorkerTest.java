package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.training.EpochMetrics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Worker A is cut off from PostgreSQL (a partition: no byte passes, nothing is reset) for longer than the dead-worker
 * limit, while worker B, another instance on the same database and data directory, still reaches it. B takes the run
 * up as attempt 2 from the newest recorded training state. When the partition heals, A's next write is refused by
 * the attempt check and A stops its training without writing anything more: exactly one worker continues, every epoch
 * is recorded once and the run SUCCEEDS.
 */
class SupersededWorkerTest {

    private final Path dataDir =
            Path.of("target", "test-data", "fencing-" + UUID.randomUUID()).toAbsolutePath();

    @Test
    void aWorkerCutOffPastTheDeadWorkerLimitStopsAndTheWorkerThatTookItsRunFinishesIt() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir.resolve("external-postgres"))
                        .setCleanDataDirectory(true)
                        .start();
                PartitionableProxy partition = new PartitionableProxy(postgres.getPort());
                ConfigurableApplicationContext workerA = worker(partition.port())) {
            ExperimentQueries queriesA = workerA.getBean(ExperimentQueries.class);
            int epochs = 40;
            UUID id = workerA.getBean(ExperimentSubmission.class)
                    .submit(TinyExperiments.spec("taken over", "lenet5", epochs, 5, 0), Caller.ANONYMOUS)
                    .id();
            await(() -> queriesA.metrics(id).size() >= 2, Duration.ofMinutes(3));
            try (ConfigurableApplicationContext workerB = worker(postgres.getPort())) {
                ExperimentQueries queriesB = workerB.getBean(ExperimentQueries.class);
                WorkerMeters metersA = workerA.getBean(WorkerMeters.class);
                WorkerMeters metersB = workerB.getBean(WorkerMeters.class);
                assertThat(queriesB.get(id).status()).isEqualTo(ExperimentStatus.RUNNING);
                assertThat(queriesB.get(id).attempts()).isEqualTo(1);
                assertThat(metersA.running("cpu")).isEqualTo(1);
                assertThat(workerA.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                                .queryForObject("show idle_in_transaction_session_timeout", String.class))
                        .as("the server ends a cut-off worker's transaction, freeing its row locks")
                        .isEqualTo("5s");

                partition.cut();
                try {
                    await(() -> queriesB.get(id).attempts() == 2 && metersB.running("cpu") == 1, Duration.ofMinutes(1));
                } finally {
                    partition.heal();
                }
                assertThat(queriesB.get(id).attempts()).isEqualTo(2);

                // A's next write meets the fence: it stops training while B goes on
                await(() -> metersA.running("cpu") == 0, Duration.ofMinutes(1));
                assertThat(metersA.running("cpu")).isZero();
                ExperimentSummary whenAStopped = queriesB.get(id);
                assertThat(whenAStopped.status()).isEqualTo(ExperimentStatus.RUNNING);

                ExperimentSummary done =
                        TinyExperiments.awaitTerminal(queriesB, List.of(id)).get(0);
                assertThat(done.status()).as(done.error()).isEqualTo(ExperimentStatus.SUCCEEDED);
                assertThat(done.attempts()).isEqualTo(2);
                assertThat(queriesB.metrics(id).stream().map(EpochMetrics::epoch))
                        .containsExactlyElementsOf(
                                IntStream.rangeClosed(1, epochs).boxed().toList());
                assertThat(metersA.running("cpu")).isZero();
            }
        }
    }

    /**
     * A service on the external PostgreSQL at {@code port}, with one CPU worker and a dead-worker limit of 5 × 1 s;
     * both share the data directory (checkpoints), as instances share a volume.
     */
    private ConfigurableApplicationContext worker(int port) {
        return new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run(
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--distillery.data-dir=" + dataDir,
                        "--distillery.workers=1",
                        "--distillery.devices=cpu",
                        "--distillery.queue.heartbeat-interval=1s",
                        "--distillery.queue.missed-heartbeats-limit=5",
                        // A is cut off inside a transaction at times; the server must end that session (and free
                        // the experiment row it locked) for B to start the run; production waits 60 s
                        "--spring.datasource.hikari.data-source-properties.options=-c idle_in_transaction_session_timeout=5s",
                        "--server.port=0");
    }

    private static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException unreachable) {
                // this instance's database connections are cut or broke in the partition: ask again
            }
            Thread.sleep(200);
        }
    }
}
