package dev.distillery.comparison;

import dev.distillery.experiments.spec.ExperimentSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A base spec and a grid over its fields: one group of {@code repeats} experiments per grid cell.
 *
 * @param grid spec path (e.g. {@code lossWeights.kd}) → the values to try
 */
public record SweepRequest(
        @NotNull @Valid ExperimentSpec spec,
        @NotEmpty @Size(max = 10) @Schema(description = "spec path → values, e.g. {\"lossWeights.kd\": [3, 6, 9]}")
                Map<String, @NotEmpty @Size(max = 500) List<@NotNull Object>> grid,
        @Min(1) @Max(10) @Schema(description = "runs per cell, seeds seed, seed+1, …; default 1", example = "3")
                Integer repeats) {}
