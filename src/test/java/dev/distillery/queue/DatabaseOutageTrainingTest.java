package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.training.EpochMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL freezes for 30 s (every process SIGSTOPped: a partition, no reset) while a run trains. The worker keeps
 * its progress in memory, retries the epochs it could not record with backoff, and the run SUCCEEDS with every epoch
 * recorded exactly once and one attempt (the outage is shorter than the dead-worker limit of 4 × 15 s).
 */
class DatabaseOutageTrainingTest {

    private final Path dataDir =
            Path.of("target", "test-data", "outage-" + UUID.randomUUID()).toAbsolutePath();

    @Test
    void aRunSurvivesAThirtySecondFreezeOfTheDatabaseWithEveryEpochOnceAndOneAttempt() throws Exception {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run(
                        "--distillery.data-dir=" + dataDir,
                        "--distillery.workers=1",
                        "--distillery.devices=cpu",
                        "--distillery.queue.progress-interval=0s",
                        "--server.port=0")) {
            ExperimentQueries queries = service.getBean(ExperimentQueries.class);
            int epochs = 40;
            UUID id = service.getBean(ExperimentSubmission.class)
                    .submit(TinyExperiments.spec("outlives an outage", "lenet5", epochs, 4, 0), Caller.ANONYMOUS)
                    .id();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (queries.metrics(id).size() < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(queries.get(id).status()).isEqualTo(ExperimentStatus.RUNNING);

            List<String> postgres = postgresProcesses();
            signal("-STOP", postgres);
            try {
                Thread.sleep(30_000);
            } finally {
                signal("-CONT", postgres);
            }

            awaitReadable(queries, id);
            ExperimentSummary done =
                    TinyExperiments.awaitTerminal(queries, List.of(id)).get(0);
            assertThat(done.status()).as(done.error()).isEqualTo(ExperimentStatus.SUCCEEDED);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(queries.metrics(id).stream().map(EpochMetrics::epoch))
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, epochs).boxed().toList());
        }
    }

    /** The pool's connections broke in the freeze; the test's own reads wait until the database answers again. */
    private static void awaitReadable(ExperimentQueries queries, UUID id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                queries.get(id);
                return;
            } catch (RuntimeException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

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
