package dev.distillery.analysis.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.distillery.analysis.LossQuery;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A method, its settings and the logits and labels of one step; see {@link LossQuery} for each field.
 *
 * @param lossWeights λ_CE and λ_KD
 */
@Schema(
        description = "One training step's logits and labels and a method with its settings. Absent settings take "
                + "the method's defaults (GET /api/v1/catalog); a setting the method does not read is refused.")
record LossRequest(
        @Schema(
                        description = "a registered method: ce, ctkd, dkd, kd or mlkd",
                        example = "kd",
                        requiredMode = Schema.RequiredMode.REQUIRED)
                String method,
        @Schema(description = "base softmax temperature τ, > 0 and ≤ 100 (not read by ce and ctkd)", example = "4")
                Double temperature,
        @Schema(description = "logit standardization; default false (not read by ce)") Boolean zscore,
        @Schema(description = "λ_CE and λ_KD, each in [0, 1000]; ce reads neither, dkd only ce") Weights lossWeights,
        @Schema(
                        description =
                                "the method's own parameters by name, e.g. dkd's alpha, beta, warmupEpochs or ctkd's "
                                        + "tStart, tEnd, decayMax, decayMin, decayLoops")
                Map<String, Double> methodParams,
        @Schema(
                        description =
                                "current values of the method's learned parameters; ctkd's T (default 1, its initial "
                                        + "value)")
                Map<String, Double> methodState,
        @Schema(description = "1-based epoch for schedules (dkd's warm-up, ctkd's λ); default 1", example = "1")
                Integer epoch,
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description = "teacher logits, one row per sample (the weak view for mlkd); "
                                                + "required by every method but ce, which refuses it"))
                List<List<Double>> teacher,
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description = "student logits, one row per sample (the weak view for mlkd): "
                                                + "1 to 10000 rows of 2 to 1000 finite numbers",
                                        requiredMode = Schema.RequiredMode.REQUIRED))
                List<List<Double>> student,
        @ArraySchema(arraySchema = @Schema(description = "mlkd only: teacher logits of the strong view, same shape"))
                List<List<Double>> teacherStrong,
        @ArraySchema(arraySchema = @Schema(description = "mlkd only: student logits of the strong view, same shape"))
                List<List<Double>> studentStrong,
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description = "the class index of each row, in [0, classes)",
                                        requiredMode = Schema.RequiredMode.REQUIRED))
                List<Long> labels) {

    /** λ_CE and λ_KD. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Weights(
            @Schema(description = "λ_CE, weight of the cross-entropy on the labels") Double ce,
            @Schema(description = "λ_KD, weight of the distillation terms") Double kd) {}

    LossQuery query() {
        return new LossQuery(
                method,
                temperature,
                zscore,
                lossWeights == null ? null : lossWeights.ce(),
                lossWeights == null ? null : lossWeights.kd(),
                methodParams,
                methodState,
                epoch,
                teacher,
                student,
                teacherStrong,
                studentStrong,
                labels);
    }
}
