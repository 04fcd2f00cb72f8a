package dev.distillery.analysis;

import java.util.List;

/**
 * KL(softmax(t/τ) ‖ softmax(s/τ)) of teacher and student logits, plain and after logit standardization of both
 * (Z(x) = (x - mean) / (std + 1e-7) / τ), each summed over classes; without the τ² factor of the training losses.
 *
 * @param kl             mean of the rows' plain KL
 * @param standardizedKl mean of the rows' KL after standardization
 * @param rows           per row (sample), in request order
 */
public record KlDivergences(double kl, double standardizedKl, List<Row> rows) {

    public KlDivergences {
        rows = List.copyOf(rows);
    }

    /** The two divergences of one sample. */
    public record Row(double kl, double standardizedKl) {}
}
