package dev.distillery.experiments;

import static dev.distillery.experiments.Experiments.endedWith;
import static dev.distillery.experiments.Experiments.epoch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.experiments.gates.GateResult;
import dev.distillery.experiments.gates.Gates;
import dev.distillery.experiments.spec.ExperimentSpec.DeltaExpectation;
import dev.distillery.experiments.spec.ExperimentSpec.Expectations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The verdict of a spec's gates as the experiment keeps it (moved from GatesTest, which tests the verdicts). */
class GateVerdictTest {

    private final Map<UUID, Experiment> stored = new HashMap<>();
    private final Gates gates = new Gates(Experiments.repository(stored));

    @Test
    void theVerdictIsStoredOnTheExperimentWithItsReasons() {
        Experiment run = endedWith(ExperimentStatus.SUCCEEDED, epoch(1, 0.25));
        UUID missing = UUID.randomUUID();

        run.recordGate(gates.evaluate(run, new Expectations(0.5, new DeltaExpectation(missing, "bestTestTop1", 0.0))));

        assertThat(run.gate())
                .isEqualTo(new GateResult(
                        GateResult.FAILED,
                        List.of(
                                "best test top-1 0.2500 is below minBestTestTop1 0.5000",
                                "reference experiment " + missing + " has no result (missing)")));
    }
}
