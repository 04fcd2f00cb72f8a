package dev.distillery.experiments.spec;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.modulith.NamedInterface;

/** Optimisation settings of a run; absent fields take the paper's reference defaults. */
@NamedInterface("spec")
public record TrainingSpec(
        @Min(1) @Max(1000) @Schema(example = "10") Integer epochs,
        @Min(1) @Max(4096) @Schema(example = "64") Integer batchSize,
        @Pattern(regexp = "sgd|adam", message = "must be 'sgd' or 'adam'") String optimizer,
        @Positive @DecimalMax("1000000") Double learningRate,
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double momentum,
        @DecimalMin("0") @DecimalMax("1") Double weightDecay,
        @Size(max = 100) List<@NotNull @Min(1) @Max(1000) Integer> lrDecayEpochs,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double lrDecayRate,
        Boolean augment,
        @Min(1) @Max(100_000) @Schema(description = "wall-time limit of the run in minutes; none when absent")
                Integer maxMinutes) {}
