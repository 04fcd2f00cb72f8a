package dev.distillery.analysis;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.distillery.methods.CommonSetting;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LearnableParameter;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.LossTerms;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.methods.MethodRun;
import dev.distillery.methods.RunContext;
import dev.distillery.methods.StepLogits;
import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.tensors.OwnedArrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The loss terms of any registered method on given logits, as one training step would compute them: the method's own
 * {@link MethodRun}, started in float64 on a short-lived NDManager per call, with its learnable state set from the
 * query (ctkd's T), evaluated at the query's epoch. Every input is checked first ({@link LossSettingsRules},
 * {@link LossLogits}); a bad one is an {@link InvalidRequestException} naming the field or cell.
 */
@Service
public class LossAnalysis {

    /** The diagnostic in which a method with a learned temperature reports it (ctkd). */
    static final String LEARNED_TEMPERATURE = "temperature";

    private final LossSettingsRules rules;
    private final LogitMatrices matrices;

    public LossAnalysis(MethodRegistry registry, AnalysisProperties properties) {
        this.rules = new LossSettingsRules(registry);
        this.matrices = new LogitMatrices(properties);
    }

    /**
     * Every loss term and the total of {@code query.method()} on the query's logits.
     *
     * @throws InvalidRequestException naming each bad field, e.g. {@code methodParams.alpha} or {@code teacher[0][1]}
     */
    public LossReport loss(LossQuery query) {
        List<FieldViolation> violations = new ArrayList<>();
        DistillationMethod method = rules.method(query.method(), violations);
        LossSettings settings = method == null ? null : rules.settings(method, query, violations);
        int epoch = LossSettingsRules.epoch(query.epoch(), violations);
        Map<String, Double> state =
                method == null ? Map.of() : LossSettingsRules.state(method, query.methodState(), violations);
        LossLogits logits = LossLogits.read(method, query, matrices, violations);
        if (settings != null && logits != null && method.reads().contains(CommonSetting.TEMPERATURE)) {
            checkTemperature(settings.temperature(), logits, "temperature", violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return compute(method, settings, epoch, state, logits, query.methodState() != null);
    }

    private static LossReport compute(
            DistillationMethod method,
            LossSettings settings,
            int epoch,
            Map<String, Double> state,
            LossLogits logits,
            boolean stateGiven) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            MethodRun run = method.start(new RunContext(manager, settings, DataType.FLOAT64));
            for (LearnableParameter parameter : run.parameters()) {
                Double value = state.get(parameter.name());
                if (value != null) {
                    parameter.replace(OwnedArrays.of(manager, new double[][] {{value}})
                            .reshape(parameter.value().getShape()));
                }
            }
            Double learned = run.diagnostics().get(LEARNED_TEMPERATURE);
            if (learned != null) {
                List<FieldViolation> violations = new ArrayList<>();
                checkTemperature(learned, logits, stateGiven ? "methodState" : "methodParams", violations);
                if (!violations.isEmpty()) {
                    throw new InvalidRequestException(violations);
                }
            }
            LossTerms terms = run.loss(new StepLogits(
                    epoch,
                    OwnedArrays.of(manager, logits.labels()),
                    array(manager, logits.student()),
                    array(manager, logits.teacher()),
                    array(manager, logits.studentStrong()),
                    array(manager, logits.teacherStrong())));
            Map<String, Double> values = new LinkedHashMap<>();
            terms.parts().forEach((name, term) -> values.put(name, term.getDouble()));
            return new LossReport(
                    method.name(),
                    settings.zscore(),
                    epoch,
                    temperature(method, settings, learned),
                    ReversalSchedule.lambda(method, settings, epoch),
                    method.reads().contains(CommonSetting.CE_WEIGHT) ? settings.ceWeight() : null,
                    method.reads().contains(CommonSetting.KD_WEIGHT) ? settings.kdWeight() : null,
                    params(method, settings),
                    values,
                    terms.total().getDouble());
        }
    }

    /** τ must be positive and keep every |logit| / τ within float64's comfortable range. */
    private static void checkTemperature(double tau, LossLogits logits, String field, List<FieldViolation> violations) {
        double largest = LogitMatrices.maxAbs(
                logits.teacher(), logits.student(), logits.teacherStrong(), logits.studentStrong());
        if (!(tau > 0) || largest / tau > LogitMatrices.MAX_ABS_TEMPERED_LOGIT) {
            String problem = "|logit| / τ must stay at most 1e300 (and τ above 0)";
            violations.add(new FieldViolation(
                    field,
                    field.equals("temperature")
                            ? "is too small for these logits: " + problem
                            : "give the learned temperature τ = " + tau + ", too small for these logits: " + problem));
        }
    }

    /** The temperature the loss used: a learned one, else the base τ if the method reads it; null for none. */
    private static Double temperature(DistillationMethod method, LossSettings settings, Double learned) {
        if (learned != null) {
            return learned;
        }
        return method.reads().contains(CommonSetting.TEMPERATURE) ? settings.temperature() : null;
    }

    /** Every parameter in the method's declared order. */
    private static Map<String, Double> params(DistillationMethod method, LossSettings settings) {
        Map<String, Double> params = new LinkedHashMap<>();
        method.parameters().forEach(p -> params.put(p.name(), settings.params().get(p.name())));
        return params;
    }

    private static NDArray array(NDManager manager, double[][] rows) {
        return rows == null ? null : OwnedArrays.of(manager, rows);
    }
}
