package dev.distillery.comparison;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A sweep's progress and, per grid cell, mean ± sample std of the best test top-1 over its repeats.
 *
 * @param progress mean progress of its experiments, 0 to 1
 * @param statuses how many experiments are in each status
 */
public record SweepSummary(
        UUID id,
        Map<String, List<Object>> grid,
        int repeats,
        int experiments,
        double progress,
        Map<String, Long> statuses,
        List<Cell> cells) {

    /** One grid cell. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "SweepCell")
    public record Cell(
            Map<String, Object> values, UUID group, List<UUID> runs, MeanStd bestTestTop1, MeanStd lastTestTop1) {}
}
