package dev.distillery.training.engine;

import ai.djl.training.tracker.Tracker;
import dev.distillery.methods.LearnableParameter;
import dev.distillery.training.TrainingException;
import java.util.List;
import java.util.Locale;

/** Builds the optimizer a plan names. */
public final class Optimizers {

    /** The optimizer names plans may use. */
    public static final List<String> NAMES = List.of("sgd", "adam");

    private Optimizers() {}

    /**
     * An optimizer of {@code network}'s trainable parameters whose state can be saved and restored exactly.
     * {@code sgd}: momentum and L2 weight decay with PyTorch's semantics ({@link SgdOptimizer}). {@code adam}: L2
     * weight decay added to the gradient, bias-corrected moments ({@link AdamOptimizer}; momentum is unused).
     */
    static TrainingOptimizer create(
            String name, Tracker learningRate, double momentum, double weightDecay, Network network) {
        return create(name, learningRate, momentum, weightDecay, network, List.of());
    }

    /** {@link #create} for the network and the parameters its method learns alongside it. */
    static TrainingOptimizer create(
            String name,
            Tracker learningRate,
            double momentum,
            double weightDecay,
            Network network,
            List<LearnableParameter> methodParameters) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "sgd" -> new SgdOptimizer(network, learningRate, momentum, weightDecay, methodParameters);
            case "adam" -> new AdamOptimizer(network, learningRate, weightDecay, methodParameters);
            default ->
                throw new TrainingException("unknown optimizer '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
