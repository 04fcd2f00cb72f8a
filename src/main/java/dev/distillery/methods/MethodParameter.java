package dev.distillery.methods;

import java.util.Optional;

/**
 * A hyperparameter a method declares beyond the shared {@link LossSettings} fields (e.g. dkd's {@code alpha}),
 * so that the API can list, validate and fill it. Methods read it with {@link #valueIn(LossSettings)}.
 *
 * @param name         key in {@link LossSettings#params()}, e.g. {@code warmupEpochs}
 * @param defaultValue value used when a spec leaves the parameter out
 * @param min          smallest accepted value (inclusive)
 * @param max          largest accepted value (inclusive)
 * @param integer      whether only whole numbers are accepted
 * @param description  one line for the catalog
 */
public record MethodParameter(
        String name, double defaultValue, double min, double max, boolean integer, String description) {

    public MethodParameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a method parameter needs a name");
        }
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException(
                    name + ": bounds must be finite with min <= max, were [" + min + ", " + max + "]");
        }
        if (integer && (min != Math.rint(min) || max != Math.rint(max))) {
            throw new IllegalArgumentException(name + ": an integer parameter needs whole-number bounds");
        }
        description = description == null ? "" : description;
        String problem = problem(defaultValue, min, max, integer);
        if (problem != null) {
            throw new IllegalArgumentException(name + ": default " + problem);
        }
    }

    /** A real-valued parameter. */
    public static MethodParameter real(String name, double defaultValue, double min, double max, String description) {
        return new MethodParameter(name, defaultValue, min, max, false, description);
    }

    /** A whole-number parameter. */
    public static MethodParameter whole(String name, long defaultValue, long min, long max, String description) {
        return new MethodParameter(name, defaultValue, min, max, true, description);
    }

    /**
     * Why {@code value} is not acceptable for this parameter (not finite, out of [min, max], or not a whole number
     * for an integer parameter), or empty when it is.
     */
    public Optional<String> violation(double value) {
        return Optional.ofNullable(problem(value, min, max, integer));
    }

    /**
     * This parameter's value in {@code settings.params()}, or {@link #defaultValue()} when absent.
     *
     * @throws IllegalArgumentException when the given value breaks the bounds (the API rejects such specs first)
     */
    public double valueIn(LossSettings settings) {
        Double value = settings.params().get(name);
        if (value == null) {
            return defaultValue;
        }
        violation(value).ifPresent(problem -> {
            throw new IllegalArgumentException(name + " " + problem);
        });
        return value;
    }

    private static String problem(double value, double min, double max, boolean integer) {
        if (!Double.isFinite(value)) {
            return "must be a finite number";
        }
        if (value < min || value > max) {
            return "must be between " + format(min) + " and " + format(max);
        }
        if (integer && value != Math.rint(value)) {
            return "must be a whole number";
        }
        return null;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
