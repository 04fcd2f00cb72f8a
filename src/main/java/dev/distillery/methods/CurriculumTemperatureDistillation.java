package dev.distillery.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.distillery.tensors.OwnedArrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ctkd}: Curriculum Temperature KD (Li et al., AAAI 2023) as in the LS repository's {@code CTKD/}, with logit
 * standardization when {@code zscore} is true.
 *
 * <pre>
 *   τ     = tStart + tEnd · sigmoid(GRL(T, λ))          T: one learned scalar, initialised to 1
 *   GRL   = identity forward; gradient × λ backward
 *   λ(e)  = ((cos(i·π/decayLoops) + 1) / 2) · (decayMax − decayMin) + decayMin,   i = clamp(e, 0, decayLoops)
 *   loss  = λ_CE · CE(s, y) + λ_KD · τ² · KL(softmax(Z(t)/τ) ‖ softmax(Z(s)/τ))
 * </pre>
 *
 * T is trained by the student's optimizer (same learning rate, momentum and weight decay, as in the reference); with
 * λ ≤ 0 it ascends the distillation loss (the curriculum: the task gets harder). Gradients reach T through τ on
 * both sides of the KL and through τ². The base {@code temperature} is not read. The learned τ is recorded per epoch
 * as the diagnostic {@code temperature}.
 *
 * <p>The reference's {@code train_student.py} swaps the two criteria ({@code DistillKL() if opt.logit_stand else
 * DistillKL_logit_stand()}); Distillery standardizes exactly when {@code zscore} is true.
 */
public final class CurriculumTemperatureDistillation implements DistillationMethod {

    public static final String NAME = "ctkd";

    static final MethodParameter T_START = MethodParameter.real(
            "tStart", 1.0, 0.0, 100.0, "Lower end of the learned temperature: τ = tStart + tEnd·σ(T)");
    static final MethodParameter T_END =
            MethodParameter.real("tEnd", 20.0, 0.0, 1000.0, "Range of the learned temperature: τ = tStart + tEnd·σ(T)");
    static final MethodParameter DECAY_MAX =
            MethodParameter.real("decayMax", 0.0, -10.0, 10.0, "Gradient-reversal factor λ at epoch 0");
    static final MethodParameter DECAY_MIN =
            MethodParameter.real("decayMin", -1.0, -10.0, 10.0, "Gradient-reversal factor λ from decayLoops on");
    static final MethodParameter DECAY_LOOPS = MethodParameter.whole(
            "decayLoops", 10, 1, 100_000, "Epochs over which λ follows a cosine from decayMax to decayMin");

    private static final List<MethodParameter> PARAMETERS = List.of(T_START, T_END, DECAY_MAX, DECAY_MIN, DECAY_LOOPS);

    /** The learned parameter's name. */
    static final String TEMPERATURE_PARAMETER = "T";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Curriculum temperature KD: KD whose temperature is learned adversarially through a gradient "
                + "reversal whose strength follows a cosine schedule";
    }

    @Override
    public boolean needsTeacher() {
        return true;
    }

    @Override
    public List<MethodParameter> parameters() {
        return PARAMETERS;
    }

    /** The temperature is learned, so the base {@code temperature} is not read. */
    @Override
    public Set<CommonSetting> reads() {
        return Set.of(CommonSetting.ZSCORE, CommonSetting.CE_WEIGHT, CommonSetting.KD_WEIGHT);
    }

    /** The reference's {@code run_cifar_distill.sh}: λ_CE 0.1, λ_KD 9, tStart 1, tEnd 20, λ from 0 to −1 over 10. */
    @Override
    public LossSettings defaults(boolean zscore) {
        Map<String, Double> params = new LinkedHashMap<>();
        PARAMETERS.forEach(parameter -> params.put(parameter.name(), parameter.defaultValue()));
        return new LossSettings(4.0, zscore, 0.1, 9.0, params);
    }

    /** λ of {@code epoch} (1-based) under {@code settings}' schedule. */
    static double reversal(int epoch, LossSettings settings) {
        double max = DECAY_MAX.valueIn(settings);
        double min = DECAY_MIN.valueIn(settings);
        double loops = DECAY_LOOPS.valueIn(settings);
        double i = Math.max(0, Math.min(epoch, loops));
        return (Math.cos(i * Math.PI / loops) + 1) / 2 * (max - min) + min;
    }

    @Override
    public MethodRun start(RunContext context) {
        NDArray initial =
                OwnedArrays.scalar(context.manager(), 1.0, context.dataType()).reshape(1);
        return new Run(context.settings(), new LearnableParameter(TEMPERATURE_PARAMETER, initial));
    }

    private static final class Run implements MethodRun {

        private final LossSettings settings;
        private final LearnableParameter t;

        Run(LossSettings settings, LearnableParameter t) {
            this.settings = settings;
            this.t = t;
        }

        @Override
        public List<LearnableParameter> parameters() {
            return List.of(t);
        }

        @Override
        public LossTerms loss(StepLogits step) {
            NDArray student = step.student();
            NDArray teacher = step.requireTeacher(NAME).stopGradient();
            NDArray tau =
                    temperature(reversed(step.epoch(), student.getManager())).squeeze();
            NDArray kl = Losses.klDivergence(
                    LogitStandardization.apply(teacher, tau, settings.zscore()),
                    LogitStandardization.apply(student, tau, settings.zscore()));
            NDArray kd = Losses.scaled(kl.mul(tau.square()), settings.kdWeight());
            NDArray ce = Losses.scaled(Losses.crossEntropy(student, step.labels()), settings.ceWeight());
            Map<String, NDArray> parts = new LinkedHashMap<>();
            parts.put("ce", ce);
            parts.put("kd", kd);
            return new LossTerms(ce.add(kd), parts);
        }

        /**
         * GRL(T, λ) built in the step's scope (an operation's result belongs to its first operand's manager, and
         * nothing of a step may land in the run's manager): {@code T' + (T − T')·λ} with T' = T without gradient,
         * exactly T forward and λ·g backward.
         */
        private NDArray reversed(int epoch, NDManager scope) {
            NDArray frozen = t.value().stopGradient();
            frozen.attach(scope);
            NDArray delta = frozen.neg().add(t.value());
            return frozen.add(delta.mul(OwnedArrays.scalar(frozen, reversal(epoch, settings))));
        }

        private NDArray temperature(NDArray t) {
            return Activation.sigmoid(t)
                    .mul(OwnedArrays.scalar(t, T_END.valueIn(settings)))
                    .add(OwnedArrays.scalar(t, T_START.valueIn(settings)));
        }

        /** The temperature the current T gives. */
        @Override
        public Map<String, Double> diagnostics() {
            try (NDManager scope = t.value().getManager().newSubManager()) {
                NDArray frozen = t.value().stopGradient();
                frozen.attach(scope);
                return Map.of(
                        "temperature",
                        temperature(frozen).toType(DataType.FLOAT64, false).getDouble(0));
            }
        }
    }
}
