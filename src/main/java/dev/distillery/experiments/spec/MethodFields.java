package dev.distillery.experiments.spec;

import dev.distillery.methods.CommonSetting;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.shared.FieldViolation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fields a client set that the spec's method ignores are refused instead of silently stored: a common setting the
 * method does not read ({@link DistillationMethod#reads()}), and {@code training.augment: false} for a method whose
 * reference recipe trains on augmented views.
 */
final class MethodFields {

    private MethodFields() {}

    /** The violations of the spec as the client sent it (before defaults are filled in). */
    static List<FieldViolation> inapplicable(ExperimentSpec given, DistillationMethod method) {
        Map<CommonSetting, Object> set = new EnumMap<>(CommonSetting.class);
        set.put(CommonSetting.TEMPERATURE, given.temperature());
        set.put(CommonSetting.ZSCORE, given.zscore());
        set.put(
                CommonSetting.CE_WEIGHT,
                given.lossWeights() == null ? null : given.lossWeights().ce());
        set.put(
                CommonSetting.KD_WEIGHT,
                given.lossWeights() == null ? null : given.lossWeights().kd());
        List<FieldViolation> violations = new ArrayList<>();
        set.forEach((setting, value) -> {
            if (value != null && !method.reads().contains(setting)) {
                violations.add(new FieldViolation(
                        setting.field(),
                        "method '" + method.name() + "' does not use " + setting.field() + "; leave it out (it reads "
                                + readable(method) + ")"));
            }
        });
        boolean augmentOff = given.training() != null
                && Boolean.FALSE.equals(given.training().augment());
        if (augmentOff && Boolean.TRUE.equals(method.recipe().augment())) {
            violations.add(new FieldViolation(
                    "training.augment",
                    "method '" + method.name() + "' trains on augmented views (random crop and flip); it cannot be "
                            + "false"));
        }
        return violations;
    }

    private static String readable(DistillationMethod method) {
        List<String> fields =
                method.reads().stream().sorted().map(CommonSetting::field).toList();
        return fields.isEmpty() ? "none of temperature, zscore and lossWeights" : String.join(", ", fields);
    }
}
