package dev.distillery.comparison;

import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.shared.InvalidRequestException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks dotted paths ({@code lossWeights.kd}, {@code training.epochs}, {@code methodParams.alpha})
 * against the spec's schema: each segment a field of its record, ending at a value or a map entry.
 */
final class SpecPaths {

    /** Fields a sweep sets otherwise. */
    private static final Set<String> NOT_SWEEPABLE = Set.of("repeats");

    private SpecPaths() {}

    static void check(String field, String path) {
        if (NOT_SWEEPABLE.contains(path) || !valid(ExperimentSpec.class, path.split("\\.", -1), 0)) {
            throw new InvalidRequestException(field, "'" + path + "' is not a field of the spec a sweep can vary");
        }
    }

    private static boolean valid(Class<?> type, String[] segments, int at) {
        if (Map.class.isAssignableFrom(type)) {
            return at == segments.length - 1 && !segments[at].isBlank();
        }
        if (!type.isRecord()) {
            return at == segments.length;
        }
        if (at == segments.length) {
            return false;
        }
        Optional<RecordComponent> component = Arrays.stream(type.getRecordComponents())
                .filter(c -> c.getName().equals(segments[at]))
                .findFirst();
        return component.isPresent() && valid(component.get().getType(), segments, at + 1);
    }
}
