package dev.distillery.experiments.gates;

import dev.distillery.experiments.EpochScore;
import dev.distillery.experiments.Experiment;
import dev.distillery.experiments.ExperimentRepository;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.spec.ExperimentSpec.DeltaExpectation;
import dev.distillery.experiments.spec.ExperimentSpec.Expectations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Evaluates a spec's {@code expect} when its run has ended: a run that did not succeed fails every
 * gate; otherwise each gate compares the run's result with its bound.
 */
@Component
public class Gates {

    /**
     * Accuracies are fractions of a sample count, and their difference is rounded: 0.6 - 0.5 is 0.09999999999999998.
     * A run exactly at the required margin passes.
     */
    private static final double TOLERANCE = 1e-9;

    private final ExperimentRepository experiments;

    public Gates(ExperimentRepository experiments) {
        this.experiments = experiments;
    }

    /** Null when the spec has no gates. */
    public GateResult evaluate(Experiment run, Expectations expect) {
        if (expect == null) {
            return null;
        }
        if (run.status() != ExperimentStatus.SUCCEEDED) {
            return GateResult.of(List.of("the run ended " + run.status()));
        }
        List<String> failures = new ArrayList<>();
        if (expect.minBestTestTop1() != null && run.best() == null) {
            failures.add("no valid best epoch to compare with minBestTestTop1");
        } else if (expect.minBestTestTop1() != null && run.best().testTop1() < expect.minBestTestTop1()) {
            failures.add(String.format(
                    Locale.ROOT,
                    "best test top-1 %.4f is below minBestTestTop1 %.4f",
                    run.best().testTop1(),
                    expect.minBestTestTop1()));
        }
        deltaFailure(run, expect.minDeltaVsExperiment()).ifPresent(failures::add);
        return GateResult.of(failures);
    }

    private Optional<String> deltaFailure(Experiment run, DeltaExpectation delta) {
        if (delta == null) {
            return Optional.empty();
        }
        Optional<Experiment> reference = experiments.findById(delta.experimentId());
        if (reference.isEmpty() || reference.get().status() != ExperimentStatus.SUCCEEDED) {
            return Optional.of("reference experiment " + delta.experimentId() + " has no result ("
                    + reference.map(e -> e.status().name()).orElse("missing") + ")");
        }
        Double mine = metric(run, delta.metric());
        Double theirs = metric(reference.get(), delta.metric());
        if (mine == null || theirs == null) {
            return Optional.of((mine == null ? "this run" : "reference experiment " + delta.experimentId())
                    + " has no valid " + delta.metric());
        }
        double difference = mine - theirs;
        return difference + TOLERANCE >= delta.min()
                ? Optional.empty()
                : Optional.of(String.format(
                        Locale.ROOT,
                        "%s exceeds experiment %s's by %.4f, less than the required %.4f",
                        delta.metric(),
                        delta.experimentId(),
                        difference,
                        delta.min()));
    }

    /** Null when the run has no such epoch with valid scores (see {@link Experiment#best()}). */
    private static Double metric(Experiment experiment, String metric) {
        EpochScore score = "lastTestTop1".equals(metric) ? experiment.last() : experiment.best();
        return score == null ? null : score.testTop1();
    }
}
