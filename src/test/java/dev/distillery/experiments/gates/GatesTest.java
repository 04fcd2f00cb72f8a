package dev.distillery.experiments.gates;

import static dev.distillery.experiments.Experiments.endedWith;
import static dev.distillery.experiments.Experiments.epoch;
import static dev.distillery.experiments.Experiments.invalidEpoch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.experiments.Experiment;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.Experiments;
import dev.distillery.experiments.spec.ExperimentSpec.DeltaExpectation;
import dev.distillery.experiments.spec.ExperimentSpec.Expectations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A spec's gates once its run has ended: passed when every bound holds, failed with one reason per broken gate, and
 * failed with a reason (never an exception) when the data to compare is missing.
 */
class GatesTest {

    private final Map<UUID, Experiment> stored = new HashMap<>();
    private final Gates gates = new Gates(Experiments.repository(stored));

    private Experiment reference(Experiment experiment) {
        stored.put(experiment.id(), experiment);
        return experiment;
    }

    private static Expectations minBest(double min) {
        return new Expectations(min, null);
    }

    private static Expectations delta(UUID reference, String metric, double min) {
        return new Expectations(null, new DeltaExpectation(reference, metric, min));
    }

    @Test
    void aSpecWithoutGatesHasNoVerdict() {
        assertThat(gates.evaluate(endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5)), null))
                .isNull();
    }

    @Test
    void aBestTestTop1AtOrAboveTheMinimumPasses() {
        Experiment run = endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5), epoch(2, 0.7), epoch(3, 0.6));

        assertThat(gates.evaluate(run, minBest(0.7))).isEqualTo(new GateResult(GateResult.PASSED, List.of()));
        assertThat(gates.evaluate(run, minBest(0.65)).status()).isEqualTo(GateResult.PASSED);
    }

    @Test
    void aBestTestTop1BelowTheMinimumFailsWithBothNumbers() {
        Experiment run = endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5), epoch(2, 0.6));

        assertThat(gates.evaluate(run, minBest(0.75)))
                .isEqualTo(new GateResult(
                        GateResult.FAILED, List.of("best test top-1 0.6000 is below minBestTestTop1 0.7500")));
    }

    @Test
    void aRunWithoutAValidBestEpochFailsTheMinimumInsteadOfThrowing() {
        Experiment noEpochs = endedWith(ExperimentStatus.SUCCEEDED);
        Experiment onlyInvalid = endedWith(ExperimentStatus.SUCCEEDED, invalidEpoch(1));

        for (Experiment run : List.of(noEpochs, onlyInvalid)) {
            assertThat(gates.evaluate(run, minBest(0.1)).reasons())
                    .containsExactly("no valid best epoch to compare with minBestTestTop1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ExperimentStatus.class,
            names = {"FAILED", "CANCELLED", "RUNNING"})
    void aRunThatDidNotSucceedFailsEveryGateWhateverItsScores(ExperimentStatus status) {
        Experiment run = endedWith(status, epoch(1, 0.9));
        UUID reference =
                reference(endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.1))).id();

        assertThat(gates.evaluate(run, new Expectations(0.5, new DeltaExpectation(reference, "bestTestTop1", 0.0))))
                .isEqualTo(new GateResult(GateResult.FAILED, List.of("the run ended " + status)));
    }

    @Test
    void aRunThatBeatsItsReferenceByTheRequiredMarginPasses() {
        UUID reference =
                reference(endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5))).id();
        Experiment run = endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.75));

        assertThat(gates.evaluate(run, delta(reference, "bestTestTop1", 0.25)).status())
                .isEqualTo(GateResult.PASSED);
        assertThat(gates.evaluate(run, delta(reference, "bestTestTop1", -1)).status())
                .isEqualTo(GateResult.PASSED);
    }

    @Test
    void aRunExactlyAtTheRequiredMarginPassesDespiteRounding() {
        UUID reference =
                reference(endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5))).id();
        Experiment run = endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.6));

        assertThat(0.6 - 0.5).isLessThan(0.1);
        assertThat(gates.evaluate(run, delta(reference, "bestTestTop1", 0.1)).status())
                .isEqualTo(GateResult.PASSED);
        assertThat(gates.evaluate(run, delta(reference, "bestTestTop1", 0.1001)).status())
                .isEqualTo(GateResult.FAILED);
    }

    @Test
    void aRunThatFallsShortOfItsReferenceFailsWithTheDifference() {
        UUID reference =
                reference(endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5))).id();
        Experiment run = endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.25));

        assertThat(gates.evaluate(run, delta(reference, "bestTestTop1", 0.0)).reasons())
                .containsExactly("bestTestTop1 exceeds experiment " + reference
                        + "'s by -0.2500, less than the required 0.0000");
    }

    @Test
    void lastTestTop1ComparesTheLastEpochsNotTheBest() {
        UUID reference = reference(endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5), epoch(2, 0.5)))
                .id();
        Experiment peakedEarly = endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.75), epoch(2, 0.25));

        assertThat(gates.evaluate(peakedEarly, delta(reference, "bestTestTop1", 0.0))
                        .status())
                .isEqualTo(GateResult.PASSED);
        assertThat(gates.evaluate(peakedEarly, delta(reference, "lastTestTop1", 0.0))
                        .reasons())
                .containsExactly("lastTestTop1 exceeds experiment " + reference
                        + "'s by -0.2500, less than the required 0.0000");
    }

    @Test
    void aMissingReferenceExperimentFailsTheGate() {
        UUID missing = UUID.randomUUID();

        assertThat(gates.evaluate(
                                endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5)),
                                delta(missing, "bestTestTop1", 0.0))
                        .reasons())
                .containsExactly("reference experiment " + missing + " has no result (missing)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ExperimentStatus.class,
            names = {"RUNNING", "FAILED", "CANCELLED"})
    void aReferenceThatDidNotSucceedHasNoResultToCompareWith(ExperimentStatus status) {
        UUID reference = reference(endedWith(status, epoch(1, 0.1))).id();

        assertThat(gates.evaluate(
                                endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5)),
                                delta(reference, "bestTestTop1", 0.0))
                        .reasons())
                .containsExactly("reference experiment " + reference + " has no result (" + status + ")");
    }

    @Test
    void aReferenceOrRunWithoutAValidScoreFailsTheGateNamingWhichOne() {
        UUID noBest = reference(endedWith(ExperimentStatus.SUCCEEDED, invalidEpoch(1)))
                .id();
        UUID valid =
                reference(endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5))).id();
        Experiment invalidLast = endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5), invalidEpoch(2));

        assertThat(gates.evaluate(
                                endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5)),
                                delta(noBest, "bestTestTop1", 0.0))
                        .reasons())
                .containsExactly("reference experiment " + noBest + " has no valid bestTestTop1");
        assertThat(gates.evaluate(invalidLast, delta(valid, "lastTestTop1", 0.0))
                        .reasons())
                .containsExactly("this run has no valid lastTestTop1");
    }

    @Test
    void everyFailedGateGivesItsOwnReason() {
        UUID reference =
                reference(endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.5))).id();
        Experiment run = endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.25));

        GateResult result =
                gates.evaluate(run, new Expectations(0.5, new DeltaExpectation(reference, "bestTestTop1", 0.0)));

        assertThat(result.status()).isEqualTo(GateResult.FAILED);
        assertThat(result.reasons()).hasSize(2).first().asString().startsWith("best test top-1 0.2500");
    }
}
