package dev.distillery.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import dev.distillery.tensors.OwnedArrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dkd}: Decoupled Knowledge Distillation (Zhao et al., CVPR 2022), as mdistiller's {@code DKD.py}, optionally
 * with logit standardization as in the LS paper's code ({@code dkd_loss(..., logit_stand)}).
 *
 * <pre>
 *   z_s = Z(s), z_t = Z(t)                        Z = {@link LogitStandardization}: (x - mean) / (std + 1e-7) / τ, or x / τ
 *   b = [p_gt, 1 - p_gt] from softmax(z)          (1 - p_gt summed over the non-target classes)
 *   TCKD = KL(b_t ‖ b_s)
 *   NCKD = KL(softmax(z_t - 1000·gt) ‖ softmax(z_s - 1000·gt))
 *   ramp = min(epoch / warmupEpochs, 1)           (1 when warmupEpochs = 0)
 *   L = λ_CE · CE(s, y) + ramp · α · τ² · TCKD + ramp · β · τ² · NCKD
 * </pre>
 *
 * KL is summed over classes (bins) and averaged over the batch; the teacher is under no-grad; CE uses the raw
 * student logits. λ_KD is not used (α and β weight the two terms). With logit standardization the LS paper z-scores
 * the raw logits and then runs the unchanged DKD, which divides by τ and subtracts 1000 from the ground-truth
 * logit of the tempered values; {@link LogitStandardization#apply} already includes that division by τ, so it is
 * applied once and the 1000 is subtracted from its output, which is exactly the paper's computation.
 *
 * <p>The ground truth is masked by subtracting {@value #GT_MASK_OFFSET} as mdistiller does, not by removing it, so
 * for unstandardized logits whose ground-truth logit exceeds the others by more than 1000·τ it still dominates
 * NCKD's softmax, as in the reference. Unlike mdistiller, [p_gt, 1 - p_gt] is formed in log space (log-sum-exp over
 * the target and over the non-target classes), so a probability that underflows gives a finite loss instead of
 * {@code log(0)}; where mdistiller's loss is finite both agree to rounding.
 */
public final class DecoupledKnowledgeDistillation implements StatelessMethod {

    public static final String NAME = "dkd";

    /** Weight of target-class KD. */
    public static final MethodParameter ALPHA =
            MethodParameter.real("alpha", 1.0, 0.0, 1000.0, "Weight α of target-class KD (TCKD)");

    /** Weight of non-target-class KD. */
    public static final MethodParameter BETA =
            MethodParameter.real("beta", 8.0, 0.0, 1000.0, "Weight β of non-target-class KD (NCKD)");

    /** Epochs over which TCKD and NCKD ramp in linearly. */
    public static final MethodParameter WARMUP_EPOCHS = MethodParameter.whole(
            "warmupEpochs",
            20,
            0,
            1000,
            "Epochs over which TCKD and NCKD ramp in linearly: factor min(epoch / warmupEpochs, 1)");

    /** Subtracted from the tempered ground-truth logit before NCKD's softmax, as in mdistiller. */
    static final double GT_MASK_OFFSET = 1000.0;

    private static final List<MethodParameter> PARAMETERS = List.of(ALPHA, BETA, WARMUP_EPOCHS);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Decoupled KD: CE plus α·TCKD (target vs rest) and β·NCKD (among non-targets), ramped in over "
                + "warmupEpochs";
    }

    @Override
    public boolean needsTeacher() {
        return true;
    }

    /** λ_KD is not read: alpha and beta weigh the two parts. */
    @Override
    public Set<CommonSetting> reads() {
        return Set.of(CommonSetting.TEMPERATURE, CommonSetting.ZSCORE, CommonSetting.CE_WEIGHT);
    }

    /** mdistiller's CIFAR-100 settings: τ 4, λ_CE 1 (λ_KD 1, unused), α 1, β 8, 20 warm-up epochs. */
    @Override
    public LossSettings defaults(boolean zscore) {
        Map<String, Double> params = new LinkedHashMap<>();
        PARAMETERS.forEach(parameter -> params.put(parameter.name(), parameter.defaultValue()));
        return new LossSettings(4.0, zscore, 1.0, 1.0, params);
    }

    @Override
    public List<MethodParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public LossTerms loss(
            NDArray studentLogits, NDArray teacherLogits, NDArray labels, int epoch, LossSettings settings) {
        if (teacherLogits == null) {
            throw new IllegalArgumentException("dkd needs teacher logits");
        }
        long classes = studentLogits.getShape().get(studentLogits.getShape().dimension() - 1);
        if (classes < 2) {
            throw new IllegalArgumentException("dkd needs at least 2 classes, got " + classes);
        }
        double tau = settings.temperature();
        double alpha = ALPHA.valueIn(settings);
        double beta = BETA.valueIn(settings);
        double warmup = WARMUP_EPOCHS.valueIn(settings);
        double ramp = warmup == 0 ? 1.0 : Math.min(Math.max(epoch, 0) / warmup, 1.0);

        NDArray student = LogitStandardization.apply(studentLogits, tau, settings.zscore());
        NDArray teacher = LogitStandardization.apply(teacherLogits.stopGradient(), tau, settings.zscore());
        NDArray gtMask = labels.oneHot(Math.toIntExact(classes), student.getDataType());

        NDArray tckd = Losses.klDivergence(targetVsRest(teacher, gtMask), targetVsRest(student, gtMask));
        NDArray offset = gtMask.mul(OwnedArrays.scalar(gtMask, GT_MASK_OFFSET));
        NDArray nckd = Losses.klDivergence(teacher.sub(offset), student.sub(offset));

        NDArray ce = Losses.scaled(Losses.crossEntropy(studentLogits, labels), settings.ceWeight());
        NDArray tckdPart = Losses.scaled(tckd, ramp * alpha * tau * tau);
        NDArray nckdPart = Losses.scaled(nckd, ramp * beta * tau * tau);
        Map<String, NDArray> parts = new LinkedHashMap<>();
        parts.put("ce", ce);
        parts.put("tckd", tckdPart);
        parts.put("nckd", nckdPart);
        return new LossTerms(ce.add(tckdPart).add(nckdPart), parts);
    }

    /**
     * The binary distribution [p_gt, 1 - p_gt] of softmax(logits) as log-probabilities (batch, 2), the second being
     * the log-sum-exp of the non-target log-probabilities (mdistiller's {@code cat_mask}, in log space). A valid
     * input for {@link Losses#klDivergence}, whose log-softmax leaves normalized log-probabilities unchanged.
     */
    private static NDArray targetVsRest(NDArray logits, NDArray gtMask) {
        NDArray logProbabilities = logits.logSoftmax(-1);
        NDArray target = logProbabilities.mul(gtMask).sum(new int[] {-1}, true);
        NDArray excluded = logits.getManager().full(logits.getShape(), Float.NEGATIVE_INFINITY, logits.getDataType());
        NDArray rest = logSumExp(NDArrays.where(gtMask.toType(DataType.BOOLEAN, false), excluded, logProbabilities));
        return target.concat(rest, -1);
    }

    /** log(sum(exp(x))) over the last axis, keeping it; entries of -∞ contribute nothing (and no gradient). */
    private static NDArray logSumExp(NDArray x) {
        NDArray max = x.max(new int[] {-1}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {-1}, true).log().add(max);
    }
}
