package dev.distillery.comparison;

import java.util.List;
import java.util.UUID;

/**
 * Runs that differ only by seed, aggregated.
 *
 * @param group the group id they were submitted under, when they share one
 * @param bestTestTop1 mean ± sample std of the runs' best-epoch test top-1
 * @param lastTestTop1 mean ± sample std of the runs' last-epoch test top-1
 * @param bestVsBaseline paired by seed against the baseline's group (same seeds only), else null
 */
public record GroupAggregate(
        UUID group,
        List<UUID> runs,
        List<Long> seeds,
        int n,
        MeanStd bestTestTop1,
        MeanStd lastTestTop1,
        PairedDifference bestVsBaseline,
        PairedDifference lastVsBaseline) {}
