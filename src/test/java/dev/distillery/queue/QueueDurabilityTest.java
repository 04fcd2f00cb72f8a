package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queue lives in PostgreSQL: experiments accepted by one service instance run after it stops,
 * in priority order, and a run whose worker died is taken up again.
 */
class QueueDurabilityTest {

    private final Path dataDir = Path.of("target", "test-data", "durability-" + UUID.randomUUID());

    @Test
    void queuedExperimentsSurviveARestartAndRunByPriorityThenAge() throws Exception {
        List<UUID> submitted;
        try (ConfigurableApplicationContext apiOnly = start(0)) {
            ExperimentSubmission submission = apiOnly.getBean(ExperimentSubmission.class);
            UUID oldLow = submission
                    .submit(TinyExperiments.spec("old low", 1, 1, 0), Caller.ANONYMOUS)
                    .id();
            UUID young = submission
                    .submit(TinyExperiments.spec("young high", 1, 1, 5), Caller.ANONYMOUS)
                    .id();
            UUID newLow = submission
                    .submit(TinyExperiments.spec("new low", 1, 1, 0), Caller.ANONYMOUS)
                    .id();
            submitted = List.of(young, oldLow, newLow);
        }
        try (ConfigurableApplicationContext worker = start(1)) {
            ExperimentQueries queries = worker.getBean(ExperimentQueries.class);
            List<ExperimentSummary> finished = TinyExperiments.awaitTerminal(queries, submitted);
            assertThat(finished)
                    .allSatisfy(e -> assertThat(e.status()).as(e.error()).isEqualTo(ExperimentStatus.SUCCEEDED));
            assertThat(finished.stream()
                            .sorted(Comparator.comparing(ExperimentSummary::startedAt))
                            .map(ExperimentSummary::id))
                    .containsExactlyElementsOf(submitted);
            assertThat(queries.metrics(submitted.get(0))).hasSize(1);
        }
    }

    @Test
    void aRunWhoseWorkerDiedIsTakenUpAgainFromScratch() throws Exception {
        UUID id;
        try (ConfigurableApplicationContext apiOnly = start(0)) {
            id = apiOnly.getBean(ExperimentSubmission.class)
                    .submit(TinyExperiments.spec("orphan", 1, 1, 0), Caller.ANONYMOUS)
                    .id();
            // What a killed worker leaves behind: a RUNNING experiment, one epoch recorded, and a picked
            // queue entry whose heartbeat stopped long ago.
            JdbcClient jdbc = apiOnly.getBean(JdbcClient.class);
            jdbc.sql("update experiments set status = 'RUNNING', attempts = 1, current_epoch = 1 where id = ?")
                    .param(id)
                    .update();
            jdbc.sql(
                            """
                    insert into epoch_metrics values (?, 1, 9, 0, 9, 0, 0, 0.05, 1, 1, now())""")
                    .param(id)
                    .update();
            jdbc.sql(
                            """
                    update scheduled_tasks set picked = true, picked_by = 'killed-worker',
                        last_heartbeat = now() - interval '1 hour' where task_instance = ?""")
                    .param(id.toString())
                    .update();
        }
        try (ConfigurableApplicationContext worker = start(1, "--distillery.queue.heartbeat-interval=1s")) {
            ExperimentQueries queries = worker.getBean(ExperimentQueries.class);
            ExperimentSummary finished =
                    TinyExperiments.awaitTerminal(queries, List.of(id)).get(0);
            assertThat(finished.status()).as(finished.error()).isEqualTo(ExperimentStatus.SUCCEEDED);
            assertThat(finished.attempts()).isEqualTo(2);
            assertThat(queries.metrics(id)).singleElement().satisfies(epoch -> assertThat(epoch.trainLoss())
                    .isNotEqualTo(9.0));
        }
    }

    private ConfigurableApplicationContext start(int workers, String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "--distillery.data-dir=" + dataDir.toAbsolutePath();
        args[1] = "--distillery.workers=" + workers;
        args[2] = "--server.port=0";
        args[3] = "--spring.main.banner-mode=off";
        System.arraycopy(extra, 0, args, 4, extra.length);
        return new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run(args);
    }
}
