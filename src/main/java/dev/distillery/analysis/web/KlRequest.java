package dev.distillery.analysis.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Teacher and student logits for the same samples.
 *
 * @param teacher     (rows, classes) teacher logits
 * @param student     student logits of the same shape
 * @param temperature τ; absent = 1
 */
@Schema(description = "Teacher and student logits of the same samples: rows = samples, columns = classes.")
record KlRequest(
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description = "teacher logits, one row per sample (1 to 10000 rows of "
                                                + "2 to 1000 finite numbers)",
                                        requiredMode = Schema.RequiredMode.REQUIRED))
                List<List<Double>> teacher,
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description = "student logits, same shape as teacher",
                                        requiredMode = Schema.RequiredMode.REQUIRED))
                List<List<Double>> student,
        @Schema(description = "softmax temperature τ, > 0 and ≤ 100; default 1", example = "1.0") Double temperature) {}
