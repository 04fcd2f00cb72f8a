package dev.distillery.methods;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of a loss computation: the scalar to back-propagate and its named, already weighted parts
 * (e.g. {@code ce}, {@code kd}) for logging. The parts sum to the total.
 */
public record LossTerms(NDArray total, Map<String, NDArray> parts) {

    public LossTerms {
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** A loss with a single part named {@code name}. */
    public static LossTerms single(String name, NDArray loss) {
        return new LossTerms(loss, Map.of(name, loss));
    }
}
