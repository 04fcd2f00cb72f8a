package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.experiments.ExperimentCancellation;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One real worker: what it reports while it trains, and what it survives while doing so. */
class WorkerRobustnessTest {

    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void start() {
        service = new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run(
                        "--distillery.workers=1",
                        "--distillery.devices=cpu",
                        "--distillery.queue.progress-interval=0s",
                        "--server.port=0",
                        "--spring.main.banner-mode=off");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theRunningGaugeCountsARunOnItsDeviceWhileItRunsAndZeroAfter() throws Exception {
        assertThat(running()).isZero();
        UUID id = submit(TinyExperiments.spec("gauge", 500, 1, 0));
        ExperimentQueries queries = service.getBean(ExperimentQueries.class);
        awaitStatus(queries, id, ExperimentStatus.RUNNING);

        assertThat(awaitRunning(1)).isEqualTo(1.0);
        assertThat(queries.get(id).status()).isEqualTo(ExperimentStatus.RUNNING);

        service.getBean(ExperimentCancellation.class).cancel(id, Caller.ANONYMOUS);
        assertThat(TinyExperiments.awaitTerminal(queries, List.of(id)).get(0).status())
                .isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(awaitRunning(0)).isZero();
    }

    /** The gauge once it shows {@code expected}, or after 10 s (it moves just after the status). */
    private static double awaitRunning(double expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (running() != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return running();
    }

    /** Every batch-progress write fails in the database; the run does not care. */
    @Test
    void aDatabaseErrorWhileSavingBatchProgressNeverFailsTheRun() throws Exception {
        JdbcClient jdbc = service.getBean(JdbcClient.class);
        jdbc.sql(
                        """
                create or replace function refuse_progress() returns trigger language plpgsql as $$
                begin
                  if new.name = 'progress refused' and new.epoch_fraction > 0 then
                    raise exception 'injected: could not extend file (no space left on device)';
                  end if;
                  return new;
                end $$""")
                .update();
        jdbc.sql("create trigger refuse_progress before update on experiments "
                        + "for each row execute function refuse_progress()")
                .update();
        UUID id = submit(TinyExperiments.spec("progress refused", 3, 2, 0));

        ExperimentSummary done = TinyExperiments.awaitTerminal(service.getBean(ExperimentQueries.class), List.of(id))
                .get(0);

        assertThat(done.status()).as(done.error()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(service.getBean(ExperimentQueries.class).metrics(id)).hasSize(3);
    }

    private static UUID submit(dev.distillery.experiments.spec.ExperimentSpec spec) {
        return service.getBean(ExperimentSubmission.class)
                .submit(spec, Caller.ANONYMOUS)
                .id();
    }

    private static double running() {
        return service.getBean(MeterRegistry.class)
                .get("distillery.running.experiments")
                .tag("device", "cpu")
                .gauge()
                .value();
    }

    private static void awaitStatus(ExperimentQueries queries, UUID id, ExperimentStatus status)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (queries.get(id).status() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(queries.get(id).status()).isEqualTo(status);
    }
}
