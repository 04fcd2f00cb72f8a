package dev.distillery.comparison;

import dev.distillery.comparison.Comparison.Delta;
import dev.distillery.comparison.Comparison.EpochResult;
import dev.distillery.comparison.Comparison.Identity;
import dev.distillery.comparison.Comparison.MetricStats;
import dev.distillery.comparison.Comparison.Run;
import dev.distillery.experiments.EpochScore;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.spec.ExperimentSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** One run's identity, best and last epoch, per-metric min/max/last, timing, and deltas to a baseline. */
final class RunSummaries {

    private RunSummaries() {}

    /** @param group the group of repeats the run belongs to; null when submitted alone */
    static Run summary(ExperimentSummary e, ExperimentSpec spec, UUID group, RunMetrics epochs, Clock clock) {
        return new Run(
                e.id(),
                identity(e, spec, group),
                result(e.best()),
                result(e.last()),
                stats(epochs),
                wallSeconds(e, clock),
                meanThroughput(epochs),
                null);
    }

    static Run withDelta(Run run, Run baseline) {
        Delta delta = new Delta(
                minus(run.best(), baseline.best(), EpochResult::testTop1),
                minus(run.best(), baseline.best(), EpochResult::testTop5),
                minus(run.last(), baseline.last(), EpochResult::testTop1),
                minus(run.last(), baseline.last(), EpochResult::testTop5),
                metricDeltas(run.metrics(), baseline.metrics()),
                minus(run.wallSeconds(), baseline.wallSeconds()),
                minus(run.samplesPerSecond(), baseline.samplesPerSecond()));
        return new Run(
                run.id(),
                run.identity(),
                run.best(),
                run.last(),
                run.metrics(),
                run.wallSeconds(),
                run.samplesPerSecond(),
                delta);
    }

    private static Identity identity(ExperimentSummary e, ExperimentSpec spec, UUID group) {
        String teacher = spec.teacher() == null
                ? null
                : spec.teacher().experimentId() != null
                        ? "experiment:" + spec.teacher().experimentId()
                        : spec.teacher().architecture();
        return new Identity(
                e.name(),
                spec.method(),
                spec.zscore(),
                spec.temperature(),
                spec.lossWeights() == null ? null : spec.lossWeights().ce(),
                spec.lossWeights() == null ? null : spec.lossWeights().kd(),
                teacher,
                spec.student().architecture(),
                spec.dataset().name(),
                spec.seed(),
                e.status(),
                group);
    }

    private static EpochResult result(EpochScore score) {
        return score == null ? null : new EpochResult(score.epoch(), score.testTop1(), score.testTop5());
    }

    private static Map<String, MetricStats> stats(RunMetrics epochs) {
        Map<String, MetricStats> stats = new LinkedHashMap<>();
        epochs.values().forEach((name, values) -> {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double last = Double.NaN;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    last = v;
                }
            }
            stats.put(name, new MetricStats(min, max, last));
        });
        return stats;
    }

    private static Double wallSeconds(ExperimentSummary e, Clock clock) {
        if (e.startedAt() == null) {
            return null;
        }
        Instant end = e.finishedAt() != null ? e.finishedAt() : clock.instant();
        return Duration.between(e.startedAt(), end).toMillis() / 1000.0;
    }

    private static Double meanThroughput(RunMetrics epochs) {
        double[] values = epochs.values().get("samplesPerSecond");
        return values == null
                ? null
                : java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().stream()
                        .boxed()
                        .findFirst()
                        .orElse(null);
    }

    private static Map<String, MetricStats> metricDeltas(Map<String, MetricStats> run, Map<String, MetricStats> base) {
        Map<String, MetricStats> deltas = new LinkedHashMap<>();
        run.forEach((name, s) -> {
            MetricStats b = base.get(name);
            if (b != null) {
                deltas.put(
                        name,
                        new MetricStats(minus(s.min(), b.min()), minus(s.max(), b.max()), minus(s.last(), b.last())));
            }
        });
        return deltas;
    }

    private static Double minus(EpochResult a, EpochResult b, Function<EpochResult, Double> field) {
        return a == null || b == null ? null : field.apply(a) - field.apply(b);
    }

    private static Double minus(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }
}
