package dev.distillery.methods;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * What a method is given when a run starts.
 *
 * @param manager  owns the method's learnable parameters for the whole run (the student's manager)
 * @param settings the run's temperature, standardization switch, weights and method parameters
 * @param dataType the logits' data type, which learnable parameters take (float32 in training)
 */
public record RunContext(NDManager manager, LossSettings settings, DataType dataType) {

    /** A training run's context: float32. */
    public RunContext(NDManager manager, LossSettings settings) {
        this(manager, settings, DataType.FLOAT32);
    }
}
