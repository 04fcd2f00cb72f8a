package dev.distillery.training;

import ai.djl.nn.Block;

import java.util.Optional;

/**
 * A named network architecture that builds a fresh, uninitialized DJL block for a dataset's input shape and
 * class count. One class per architecture; register it in {@link ArchitectureCatalog}.
 */
public interface Architecture {

    /** Registry key, e.g. {@code lenet5}. */
    String name();

    /** One line for the catalog. */
    String description();

    /** Why this architecture cannot take inputs of this shape, or empty when it can. */
    default Optional<String> problem(InputShape shape, int classes) {
        return Optional.empty();
    }

    /** A new block mapping (batch, C, H, W) float32 inputs to (batch, classes) logits. */
    Block build(InputShape shape, int classes);
}
