package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.tracking.Checkpointing;
import dev.distillery.training.TrainingService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;

/** The runner's contract: it never throws, whatever taking the experiment does. */
class ExperimentRunnerTest {

    private final ExperimentLifecycle lifecycle = mock(ExperimentLifecycle.class);
    private final TrainingService training = mock(TrainingService.class);
    private final DeviceLeases leases = new DeviceLeases(new DeviceProperties("cpu", 1), 1, () -> 0);
    private final WorkerMeters meters = new WorkerMeters(new SimpleMeterRegistry(), leases);
    private final ExperimentRunner runner = new ExperimentRunner(
            lifecycle,
            training,
            mock(Checkpointing.class),
            new QueueProperties(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    4,
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)),
            Clock.systemUTC(),
            meters,
            mock(WorkerShutdown.class),
            leases);

    @Test
    void aDatabaseErrorWhileTakingTheExperimentIsNoThrowButALaterOffer() {
        UUID id = UUID.randomUUID();
        when(lifecycle.start(any(), anyString()))
                .thenThrow(new DataAccessResourceFailureException("connection refused"));

        assertThat(runner.run(id)).isEqualTo(ExperimentRunner.RunEnd.OFFER_AGAIN);

        verifyNoInteractions(training);
        assertThat(meters.running("cpu")).isZero();
    }

    @Test
    void aStartThatKeepsLosingToConcurrentChangesIsNoThrowEither() {
        when(lifecycle.start(any(), anyString())).thenThrow(new OptimisticLockingFailureException("changed"));

        assertThat(runner.run(UUID.randomUUID())).isEqualTo(ExperimentRunner.RunEnd.OFFER_AGAIN);
    }

    @Test
    void theDeviceSlotIsFreeAgainAfterAFailedStart() {
        when(lifecycle.start(any(), anyString())).thenThrow(new DataAccessResourceFailureException("down"));

        runner.run(UUID.randomUUID());
        runner.run(UUID.randomUUID());

        assertThat(leases.slots()).containsExactly("cpu");
    }
}
