package dev.distillery.comparison;

import dev.distillery.experiments.ExperimentStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs side by side.
 *
 * @param baseline the run every delta is taken against
 * @param specDiff only the spec fields whose values differ among the runs: path → one value per run (runs' order)
 * @param groups runs that differ only by seed, aggregated (with a paired difference against the baseline's group
 *               when both have the same seeds)
 * @param series per-epoch values of every metric per run, aligned on {@code epochs} (null where a run has none)
 */
public record Comparison(
        UUID baseline, List<Run> runs, Map<String, List<Object>> specDiff, List<GroupAggregate> groups, Series series) {

    /**
     * One run.
     *
     * @param metrics min, max and last of every recorded student metric
     * @param wallSeconds from start to finish (or now, while running); null before it started
     * @param samplesPerSecond mean training throughput over its epochs
     * @param delta this run minus the baseline, field by field
     */
    @Schema(name = "ComparisonRun")
    public record Run(
            UUID id,
            Identity identity,
            EpochResult best,
            EpochResult last,
            Map<String, MetricStats> metrics,
            Double wallSeconds,
            Double samplesPerSecond,
            Delta delta) {}

    /** What the run is: the spec fields people compare on. */
    @Schema(name = "ComparisonIdentity")
    public record Identity(
            String name,
            String method,
            Boolean zscore,
            Double temperature,
            Double ceWeight,
            Double kdWeight,
            @Schema(description = "teacher architecture, or experiment:<id>") String teacher,
            String student,
            String dataset,
            Long seed,
            ExperimentStatus status,
            UUID group) {}

    /** An epoch's test top-1 and top-5. */
    @Schema(name = "ComparisonEpochResult")
    public record EpochResult(int epoch, double testTop1, double testTop5) {}

    /** A metric's minimum, maximum and last value over the epochs (or their deltas). */
    @Schema(name = "ComparisonMetricStats")
    public record MetricStats(Double min, Double max, Double last) {}

    /** Differences to the baseline; null where either side has no value. */
    @Schema(name = "ComparisonDelta")
    public record Delta(
            Double bestTestTop1,
            Double bestTestTop5,
            Double lastTestTop1,
            Double lastTestTop5,
            Map<String, MetricStats> metrics,
            Double wallSeconds,
            Double samplesPerSecond) {}

    /** Metric → run id → value per epoch of {@code epochs}. */
    @Schema(name = "ComparisonSeries")
    public record Series(List<Integer> epochs, Map<String, Map<UUID, List<Double>>> metrics) {}
}
