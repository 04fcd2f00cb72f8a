package dev.distillery.training.engine;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.distillery.training.TrainingException;

import java.util.List;
import java.util.Locale;

/** Builds the optimizer a plan names. */
public final class Optimizers {

    /** The optimizer names plans may use. */
    public static final List<String> NAMES = List.of("sgd", "adam");

    private Optimizers() {
    }

    /**
     * {@code sgd}: momentum and L2 weight decay (DJL's update: {@code v = m·v + lr·(g + wd·w); w -= v}, which equals
     * PyTorch's SGD for a constant learning rate). {@code adam}: L2 weight decay added to the gradient.
     */
    static Optimizer create(String name, Tracker learningRate, double momentum, double weightDecay) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "sgd" -> Optimizer.sgd()
                    .setLearningRateTracker(learningRate)
                    .optMomentum((float) momentum)
                    .optWeightDecays((float) weightDecay)
                    .build();
            case "adam" -> Optimizer.adam()
                    .optLearningRateTracker(learningRate)
                    .optWeightDecays((float) weightDecay)
                    .build();
            default -> throw new TrainingException(
                    "unknown optimizer '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
