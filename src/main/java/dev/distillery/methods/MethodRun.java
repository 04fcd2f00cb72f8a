package dev.distillery.methods;

import java.util.List;
import java.util.Map;

/**
 * One method within one run ({@link DistillationMethod#start}): owns whatever the method learns or schedules
 * across steps. Not thread-safe; one per run.
 */
public interface MethodRun {

    /** The tensors the method learns; they join the student's optimizer and the training state. None by default. */
    default List<LearnableParameter> parameters() {
        return List.of();
    }

    /** The loss of one step: the scalar to back-propagate and its named, already weighted parts. */
    LossTerms loss(StepLogits logits);

    /**
     * The method's own diagnostics at this point of the run (read after each epoch's training and recorded with the
     * epoch), e.g. ctkd's learned {@code temperature}. None by default.
     */
    default Map<String, Double> diagnostics() {
        return Map.of();
    }
}
