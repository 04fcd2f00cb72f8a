package dev.distillery.analysis;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.distillery.methods.CommonSetting;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LearnableParameter;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.MethodParameter;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.methods.RunContext;
import dev.distillery.shared.FieldViolation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules for everything of a loss query but the logits: a registered method; only the common settings the method
 * reads ({@link DistillationMethod#reads()}; any other one is refused, naming the field and the method); τ in (0,
 * {@value #MAX_TEMPERATURE}], loss weights in [0, {@value #MAX_LOSS_WEIGHT}] as for experiments; only the method's
 * own parameters, within their bounds; state only for the method's learnable parameters, as finite numbers; epoch ≥ 1.
 */
final class LossSettingsRules {

    static final double MAX_TEMPERATURE = LogitAnalysis.MAX_TEMPERATURE;
    static final double MAX_LOSS_WEIGHT = 1000;

    private final MethodRegistry registry;

    LossSettingsRules(MethodRegistry registry) {
        this.registry = registry;
    }

    /** The registered method called {@code name}, or null with a violation listing the known ones. */
    DistillationMethod method(String name, List<FieldViolation> violations) {
        Optional<DistillationMethod> method = registry.find(name);
        if (method.isEmpty()) {
            String known = "; known: " + String.join(", ", registry.names());
            violations.add(new FieldViolation(
                    "method", name == null ? "is required" + known : "unknown method '" + name + "'" + known));
        }
        return method.orElse(null);
    }

    /** The given settings over the method's defaults, or null when a violation was added. */
    LossSettings settings(DistillationMethod method, LossQuery query, List<FieldViolation> violations) {
        int before = violations.size();
        Map<CommonSetting, Object> given = new LinkedHashMap<>();
        given.put(CommonSetting.TEMPERATURE, query.temperature());
        given.put(CommonSetting.ZSCORE, query.zscore());
        given.put(CommonSetting.CE_WEIGHT, query.ceWeight());
        given.put(CommonSetting.KD_WEIGHT, query.kdWeight());
        given.forEach((setting, value) -> {
            if (value != null && !method.reads().contains(setting)) {
                violations.add(new FieldViolation(
                        setting.field(),
                        "is not read by method '" + method.name() + "' (" + readsText(method) + "); leave it out"));
            }
        });
        Double temperature = query.temperature();
        if (temperature != null && (!(temperature > 0) || temperature > MAX_TEMPERATURE)) {
            violations.add(
                    new FieldViolation("temperature", "must be greater than 0 and at most " + (long) MAX_TEMPERATURE));
        }
        checkWeight(CommonSetting.CE_WEIGHT, query.ceWeight(), violations);
        checkWeight(CommonSetting.KD_WEIGHT, query.kdWeight(), violations);
        Map<String, Double> params = params(method, query.methodParams(), violations);
        if (violations.size() > before) {
            return null;
        }
        LossSettings defaults = method.defaults(Boolean.TRUE.equals(query.zscore()));
        return new LossSettings(
                or(temperature, defaults.temperature()),
                defaults.zscore(),
                or(query.ceWeight(), defaults.ceWeight()),
                or(query.kdWeight(), defaults.kdWeight()),
                params);
    }

    /** The epoch, 1 when absent. */
    static int epoch(Integer epoch, List<FieldViolation> violations) {
        if (epoch != null && epoch < 1) {
            violations.add(new FieldViolation("epoch", "must be at least 1 (epochs count from 1)"));
        }
        return epoch == null ? 1 : epoch;
    }

    /** The given values of the method's learnable parameters (empty when none are given). */
    static Map<String, Double> state(DistillationMethod method, Map<String, Double> state, List<FieldViolation> v) {
        if (state == null || state.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> learnable = learnable(method);
        if (learnable.isEmpty()) {
            v.add(new FieldViolation(
                    "methodState", "method '" + method.name() + "' learns no parameters; leave it out"));
            return Map.of();
        }
        state.forEach((name, value) -> {
            String field = "methodState." + name;
            if (!learnable.containsKey(name)) {
                v.add(new FieldViolation(
                        field,
                        "method '" + method.name() + "' has no learnable parameter '" + name + "'; it has: "
                                + String.join(", ", learnable.keySet())));
            } else if (learnable.get(name) != 1) {
                v.add(new FieldViolation(field, "holds " + learnable.get(name) + " values; only one can be set"));
            } else if (value == null || !Double.isFinite(value) || Math.abs(value) > LogitMatrices.MAX_ABS_LOGIT) {
                v.add(new FieldViolation(field, "must be a finite number with magnitude at most 1e100"));
            }
        });
        return state;
    }

    /** Each learnable parameter's name and number of values, as a run with the method's defaults declares them. */
    private static Map<String, Long> learnable(DistillationMethod method) {
        try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
            return method.start(new RunContext(scratch, method.defaults(false), DataType.FLOAT64)).parameters().stream()
                    .collect(Collectors.toMap(
                            LearnableParameter::name, p -> p.value().size(), (a, b) -> a, LinkedHashMap::new));
        }
    }

    private static Map<String, Double> params(
            DistillationMethod method, Map<String, Double> given, List<FieldViolation> violations) {
        Map<String, Double> params = new LinkedHashMap<>();
        method.parameters().forEach(p -> params.put(p.name(), p.defaultValue()));
        (given == null ? Map.<String, Double>of() : given).forEach((name, value) -> {
            String field = "methodParams." + name;
            Optional<MethodParameter> parameter = method.parameters().stream()
                    .filter(p -> p.name().equals(name))
                    .findFirst();
            if (parameter.isEmpty()) {
                violations.add(new FieldViolation(
                        field,
                        "method '" + method.name() + "' has no parameter '" + name + "'; " + parametersText(method)));
            } else if (value == null) {
                violations.add(new FieldViolation(field, "must be a number"));
            } else {
                parameter.get().violation(value).ifPresent(reason -> violations.add(new FieldViolation(field, reason)));
                params.put(name, value);
            }
        });
        return params;
    }

    private static void checkWeight(CommonSetting setting, Double weight, List<FieldViolation> violations) {
        if (weight != null && !(weight >= 0 && weight <= MAX_LOSS_WEIGHT)) {
            violations.add(new FieldViolation(setting.field(), "must be between 0 and " + (long) MAX_LOSS_WEIGHT));
        }
    }

    private static String readsText(DistillationMethod method) {
        List<String> fields = Arrays.stream(CommonSetting.values())
                .filter(method.reads()::contains)
                .map(CommonSetting::field)
                .toList();
        return fields.isEmpty() ? "it reads none of the common settings" : "it reads " + String.join(", ", fields);
    }

    private static String parametersText(DistillationMethod method) {
        return method.parameters().isEmpty()
                ? "it has none"
                : "it has: "
                        + method.parameters().stream()
                                .map(MethodParameter::name)
                                .collect(Collectors.joining(", "));
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
