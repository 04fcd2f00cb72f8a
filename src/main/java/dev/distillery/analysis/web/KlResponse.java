package dev.distillery.analysis.web;

import dev.distillery.analysis.KlDivergences;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * KL(softmax(t/τ) ‖ softmax(s/τ)), plain and with both rows standardized as in logit standardization.
 *
 * @param kl             mean over rows of the plain KL
 * @param standardizedKl mean over rows of the KL of z-scored logits
 * @param rows           per sample, in request order
 */
@Schema(
        description = "KL(softmax(teacher/τ) ‖ softmax(student/τ)) summed over classes, plain and after z-scoring "
                + "each row as in logit standardization ((x - mean) / (std + 1e-7) / τ, unbiased std); no τ² factor")
record KlResponse(
        @Schema(description = "mean over rows of the plain KL") double kl,
        @Schema(description = "mean over rows of the KL after logit standardization") double standardizedKl,
        List<RowKl> rows) {

    static KlResponse of(KlDivergences divergences) {
        return new KlResponse(
                divergences.kl(),
                divergences.standardizedKl(),
                divergences.rows().stream()
                        .map(row -> new RowKl(row.kl(), row.standardizedKl()))
                        .toList());
    }

    /** The divergences of one sample. */
    record RowKl(double kl, double standardizedKl) {}
}
