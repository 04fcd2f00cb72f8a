package dev.distillery.training.engine;

import dev.distillery.training.TrainingException;
import java.util.function.Supplier;

/** The engine's one way to report a failure: a {@link TrainingException} passes as it is, anything else is wrapped. */
final class Failures {

    private Failures() {}

    /**
     * Runs {@code action}; a runtime exception other than a {@link TrainingException} becomes one whose message is
     * {@code what + ": " + its message}, e.g. {@code student mlp (kd) failed at epoch 2, step 3 of 10: ...}.
     */
    static <T> T named(Supplier<String> what, Supplier<T> action) {
        try {
            return action.get();
        } catch (TrainingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TrainingException(what.get() + ": " + e.getMessage(), e);
        }
    }
}
