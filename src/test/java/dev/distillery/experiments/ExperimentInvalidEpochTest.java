package dev.distillery.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.distillery.experiments.gates.GateResult;
import dev.distillery.experiments.gates.Gates;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.TrainingSpec;
import dev.distillery.training.EpochMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A student epoch whose test scores are not valid (NaN or infinite test loss, an accuracy outside [0, 1]) is never
 * an experiment's best or last result, whether it is recorded live or replayed from stored rows on resume.
 */
class ExperimentInvalidEpochTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void invalidEpochsRecordedLiveAreNeitherBestNorLast() {
        Experiment experiment = running(8);

        experiment.recordEpoch(epoch(1, 1.2, 0.4, 0.8));
        assertThat(experiment.best()).isEqualTo(new EpochScore(1, 0.4, 0.8));
        for (EpochMetrics invalid : List.of(
                epoch(2, NAN, 1.0, 1.0),
                epoch(3, 0.9, 1.5, 1.0),
                epoch(4, INF, 0.9, 1.0),
                epoch(5, -INF, 0.9, 1.0),
                epoch(6, 0.8, NAN, 1.0),
                epoch(7, 0.8, 0.9, INF))) {
            assertThat(experiment.isBest(invalid))
                    .as("epoch %d", invalid.epoch())
                    .isFalse();
            experiment.recordEpoch(invalid);
            assertThat(experiment.best()).as("epoch %d", invalid.epoch()).isEqualTo(new EpochScore(1, 0.4, 0.8));
            assertThat(experiment.last()).as("epoch %d", invalid.epoch()).isNull();
            assertThat(experiment.currentEpoch()).isEqualTo(invalid.epoch());
        }

        experiment.recordEpoch(epoch(8, 1.0, 0.5, 0.9));
        assertThat(experiment.best()).isEqualTo(new EpochScore(8, 0.5, 0.9));
        assertThat(experiment.last()).isEqualTo(new EpochScore(8, 0.5, 0.9));
    }

    @Test
    void anInvalidFirstEpochIsNotBestEvenWithNoBestYet() {
        Experiment experiment = running(3);

        assertThat(experiment.isBest(epoch(1, NAN, 1.0, 1.0))).isFalse();
        assertThat(experiment.isBest(epoch(1, 2.3, 0.1, 0.5))).isTrue();
    }

    @Test
    void aResumedAttemptReplaysOnlyValidStoredEpochsIntoBestAndLast() {
        Experiment experiment = running(5);
        experiment.requeue();

        experiment.resume(
                NOW, "cpu", List.of(epoch(1, 1.2, 0.4, 0.8), epoch(2, NAN, 1.0, 1.0), epoch(3, 1.1, 0.3, 0.7)));
        assertThat(experiment.best()).isEqualTo(new EpochScore(1, 0.4, 0.8));
        assertThat(experiment.last()).isEqualTo(new EpochScore(3, 0.3, 0.7));
        assertThat(experiment.currentEpoch()).isEqualTo(3);

        experiment.requeue();
        experiment.resume(NOW, "cpu", List.of(epoch(1, 1.2, 0.4, 0.8), epoch(2, 1.1, 1.0, 1.0001)));
        assertThat(experiment.best()).isEqualTo(new EpochScore(1, 0.4, 0.8));
        assertThat(experiment.last()).isNull();

        experiment.requeue();
        experiment.resume(NOW, "cpu", List.of(epoch(1, NAN, 1.0, 1.0), epoch(2, NAN, 1.0, 1.0)));
        assertThat(experiment.best()).isNull();
        assertThat(experiment.last()).isNull();
        assertThat(experiment.currentEpoch()).isEqualTo(2);
    }

    @Test
    void gatesReportAMissingValidResultInsteadOfFailingOnIt() {
        Experiment reference = running(1);
        reference.recordEpoch(epoch(1, NAN, 1.0, 1.0));
        reference.succeed(NOW);
        Experiment run = running(1);
        run.recordEpoch(epoch(1, NAN, 1.0, 1.0));
        run.succeed(NOW);
        Experiment valid = running(1);
        valid.recordEpoch(epoch(1, 1.0, 0.6, 0.9));
        valid.succeed(NOW);
        ExperimentRepository experiments = mock(ExperimentRepository.class);
        when(experiments.findById(reference.id())).thenReturn(Optional.of(reference));
        Gates gates = new Gates(experiments);
        ExperimentSpec.DeltaExpectation delta =
                new ExperimentSpec.DeltaExpectation(reference.id(), "bestTestTop1", 0.0);

        assertThat(gates.evaluate(run, new ExperimentSpec.Expectations(0.5, null))
                        .reasons())
                .containsExactly("no valid best epoch to compare with minBestTestTop1");
        assertThat(gates.evaluate(valid, new ExperimentSpec.Expectations(null, delta))
                        .reasons())
                .containsExactly("reference experiment " + reference.id() + " has no valid bestTestTop1");
        assertThat(gates.evaluate(valid, new ExperimentSpec.Expectations(0.5, null))
                        .status())
                .isEqualTo(GateResult.PASSED);
    }

    /** A student epoch with these test scores; the other fields are plausible and finite. */
    private static EpochMetrics epoch(int epoch, double testLoss, double testTop1, double testTop5) {
        return new EpochMetrics(epoch, 1.0, 0.5, testLoss, testTop1, testTop5, 0.05, 1.0, 100.0);
    }

    private static Experiment running(int epochs) {
        ExperimentSpec spec = new ExperimentSpec(
                "invalid epochs",
                "ce",
                null,
                new ExperimentSpec.ModelSpec("mlp"),
                new ExperimentSpec.DatasetSpec("synthetic", null, 256, 64),
                null,
                null,
                null,
                new TrainingSpec(epochs, 32, null, 0.01, null, null, null, null, null, null),
                null,
                1L,
                0,
                null,
                Map.of());
        Experiment experiment = Experiment.submitted(UUID.randomUUID(), spec, "{}", false, NOW);
        experiment.start(NOW, "cpu");
        return experiment;
    }
}
