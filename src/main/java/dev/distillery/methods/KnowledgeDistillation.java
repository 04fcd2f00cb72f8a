package dev.distillery.methods;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code kd} (Hinton et al.), optionally with logit standardization:
 * {@code λ_CE · CE(s, y) + λ_KD · τ² · KL(softmax(Z(t)) ‖ softmax(Z(s)))}. CE uses the raw student logits.
 */
public final class KnowledgeDistillation implements StatelessMethod {

    public static final String NAME = "kd";

    /** The LS paper's CIFAR-100 reference settings with logit standardization. */
    private static final LossSettings STANDARDIZED = new LossSettings(2.0, true, 0.1, 9.0);

    /** mdistiller's classic KD settings (CIFAR-100) without standardization. */
    private static final LossSettings CLASSIC = new LossSettings(4.0, false, 0.1, 0.9);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Knowledge distillation: weighted CE plus τ²-scaled KL between softened teacher and student";
    }

    @Override
    public boolean needsTeacher() {
        return true;
    }

    /** With zscore: τ 2, λ_CE 0.1, λ_KD 9 (the LS paper); without: τ 4, λ_CE 0.1, λ_KD 0.9 (mdistiller's KD). */
    @Override
    public LossSettings defaults(boolean zscore) {
        return zscore ? STANDARDIZED : CLASSIC;
    }

    @Override
    public LossTerms loss(
            NDArray studentLogits, NDArray teacherLogits, NDArray labels, int epoch, LossSettings settings) {
        if (teacherLogits == null) {
            throw new IllegalArgumentException("kd needs teacher logits");
        }
        double tau = settings.temperature();
        NDArray teacher = LogitStandardization.apply(teacherLogits.stopGradient(), tau, settings.zscore());
        NDArray student = LogitStandardization.apply(studentLogits, tau, settings.zscore());
        NDArray ce = Losses.scaled(Losses.crossEntropy(studentLogits, labels), settings.ceWeight());
        NDArray kd = Losses.scaled(Losses.klDivergence(teacher, student), settings.kdWeight() * tau * tau);
        Map<String, NDArray> parts = new LinkedHashMap<>();
        parts.put("ce", ce);
        parts.put("kd", kd);
        return new LossTerms(ce.add(kd), parts);
    }
}
